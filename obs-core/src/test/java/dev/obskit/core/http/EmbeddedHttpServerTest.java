package dev.obskit.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedHttpServerTest {
  static {
    // The JDK server reads its request timeout once per JVM: keep it short for the slow-body test.
    System.setProperty("sun.net.httpserver.maxReqTime", "2");
  }

  private final AtomicReference<EventSink> sink = new AtomicReference<>();
  private ObsKit kit;
  private EmbeddedHttpServer server;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() {
    kit = ObsKit.builder().setConfig(ConfigProperties.of(Map.of("obs.http.base-path", "/obskit")))
        .addModule(ctx -> {
          ctx.routes().add(RouteGroup.of("test",
              Route.get("/hello/{name}", r -> HttpResponse.text("hi " + r.pathVariable("name").orElseThrow())),
              Route.post("/echo", r -> HttpResponse.bytes("application/octet-stream", r.bodyBytes()))
                  .withMaxBodyBytes(1000),
              Route.get("/tail", r -> HttpResponse.eventStream(s -> {
                sink.set(s);
                return () -> { };
              }))));
          return () -> "test";
        }).build().start();
    server = kit.serve(0);
  }

  @AfterEach
  void stop() {
    kit.close();
  }

  private java.net.http.HttpResponse<String> get(String path) throws Exception {
    return client.send(java.net.http.HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
  }

  @Test
  void serve_answersRoutesUnderTheBasePathOnLoopback() throws Exception {
    assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(server.baseUrl().toString()).endsWith(":" + server.address().getPort() + "/obskit");
    java.net.http.HttpResponse<String> r = get("/hello/w%C3%B6rld");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("hi wörld");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(get("/nothing").statusCode()).isEqualTo(404);
    java.net.http.HttpResponse<String> outside = client.send(java.net.http.HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.address().getPort() + "/obskitx/hello/a")).build(),
        BodyHandlers.ofString());
    assertThat(outside.statusCode()).isEqualTo(404);
  }

  @Test
  void serve_threadsAreDaemons() throws Exception {
    get("/hello/a");
    List<Thread> nonDaemon = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if ((t.getName().startsWith("obskit-http") || t.getName().startsWith("HTTP-Dispatcher"))
          && !t.isDaemon()) {
        nonDaemon.add(t);
      }
    }
    assertThat(nonDaemon).isEmpty();
  }

  @Test
  void close_withTheKit_stopsListening() throws Exception {
    int port = server.address().getPort();
    kit.close();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
  }

  @Test
  void post_overLimit_returns413AndWithinLimitEchoes() throws Exception {
    java.net.http.HttpResponse<String> ok = client.send(java.net.http.HttpRequest.newBuilder(
        URI.create(server.baseUrl() + "/echo")).POST(BodyPublishers.ofString("x".repeat(1000))).build(),
        BodyHandlers.ofString());
    assertThat(ok.body()).hasSize(1000);
    java.net.http.HttpResponse<String> big = client.send(java.net.http.HttpRequest.newBuilder(
        URI.create(server.baseUrl() + "/echo")).POST(BodyPublishers.ofString("x".repeat(1001))).build(),
        BodyHandlers.ofString());
    assertThat(big.statusCode()).isEqualTo(413);
  }

  @Test
  void post_chunkedOverLimit_returns413() throws Exception {
    try (Socket s = socket()) {
      write(s, "POST /obskit/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "7d0\r\n" + "y".repeat(2000) + "\r\n0\r\n\r\n");
      assertThat(statusLine(s)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    }
  }

  @Test
  void oversizedHeaders_areRefusedAndServerStaysUp() throws Exception {
    try (Socket s = socket()) {
      write(s, "GET /obskit/hello/a HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(100_000) + "\r\n\r\n");
      String line = statusLine(s);
      assertThat(line == null || !line.contains(" 200 ")).as(line).isTrue();
    } catch (IOException reset) {
      // the server may also reset the connection
    }
    assertThat(get("/hello/a").statusCode()).isEqualTo(200);
  }

  @Test
  void slowBody_isCutOffByTheRequestTimeout() throws Exception {
    try (Socket s = socket()) {
      write(s, "POST /obskit/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nab");
      long start = System.nanoTime();
      s.setSoTimeout(15_000);
      InputStream in = s.getInputStream();
      int read;
      try {
        read = in.read();
        while (read >= 0) {
          read = in.read();
        }
      } catch (IOException reset) {
        read = -1;
      }
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertThat(read).isEqualTo(-1);
      assertThat(seconds).isLessThan(10);
    }
    assertThat(get("/hello/a").statusCode()).isEqualTo(200);
  }

  @Test
  void slowHeaders_areCutOffByTheRequestTimeout() throws Exception {
    try (Socket s = socket()) {
      write(s, "GET /obskit/hello/a HTTP/1.1\r\nHost: x\r\nX-Slow: ");
      s.setSoTimeout(15_000);
      long start = System.nanoTime();
      int read;
      try {
        read = s.getInputStream().read();
      } catch (IOException reset) {
        read = -1;
      }
      assertThat(read).isEqualTo(-1);
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
    }
  }

  @Test
  void eventStream_deliversEventsOverTheSocket_andEndsWhenTheKitCloses() throws Exception {
    try (Socket s = socket()) {
      write(s, "GET /obskit/tail HTTP/1.1\r\nHost: x\r\n\r\n");
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sink.get() != null);
      assertThat(sink.get().send("log", "hello")).isTrue();
      List<String> lines = new ArrayList<>();
      for (String l = in.readLine(); l != null && !l.equals("data: hello"); l = in.readLine()) {
        lines.add(l);
      }
      assertThat(lines).contains("Content-type: text/event-stream; charset=utf-8");
      kit.close();
      assertThat(sink.get().isOpen()).isFalse();
    }
  }

  @Test
  void thousandConcurrentConnections_serverStaysUp() throws Exception {
    int n = 1000;
    ExecutorService pool = Executors.newFixedThreadPool(50);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < n / 2; i++) {
        idle.add(socket());
      }
      for (int i = 0; i < n / 2; i++) {
        results.add(pool.submit(() -> {
          go.await();
          try (Socket s = socket()) {
            write(s, "GET /obskit/hello/a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            return "HTTP/1.1 200 OK".equals(statusLine(s));
          } catch (IOException e) {
            return false;
          }
        }));
      }
      go.countDown();
      int ok = 0;
      for (Future<Boolean> f : results) {
        if (f.get(60, TimeUnit.SECONDS)) {
          ok++;
        }
      }
      assertThat(ok).isEqualTo(n / 2);
      assertThat(get("/hello/b").body()).isEqualTo("hi b");
    } finally {
      for (Socket s : idle) {
        s.close();
      }
      pool.shutdownNow();
    }
  }

  private Socket socket() throws IOException {
    Socket s = new Socket("127.0.0.1", server.address().getPort());
    s.setSoTimeout(10_000);
    return s;
  }

  private static void write(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static String statusLine(Socket s) throws IOException {
    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
  }
}
