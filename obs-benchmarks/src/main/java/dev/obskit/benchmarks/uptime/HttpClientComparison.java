package dev.obskit.benchmarks.uptime;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The quick measurement behind obs-uptime's choice of HTTP client: the same number of
 * asynchronous GETs (at most {@code concurrency} in flight) against a local JDK HttpServer, with
 * OkHttp 4.12 {@code enqueue} and with the JDK {@code HttpClient.sendAsync}, alternating rounds.
 * Reports requests per second and process CPU milliseconds per 1,000 requests.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.obskit.benchmarks.uptime.HttpClientComparison
 * [requests] [concurrency] [rounds]}
 */
public final class HttpClientComparison {
  private HttpClientComparison() {}

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
    server.createContext("/ok", exchange -> {
      exchange.sendResponseHeaders(200, ok.length);
      exchange.getResponseBody().write(ok);
      exchange.close();
    });
    ExecutorService threads = Executors.newFixedThreadPool(2);
    server.setExecutor(threads);
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/ok";
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(concurrency);
    dispatcher.setMaxRequestsPerHost(concurrency);
    OkHttpClient ok3 = new OkHttpClient.Builder().dispatcher(dispatcher).build();
    HttpClient jdk = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    try {
      for (int r = 0; r < rounds; r++) {
        report("okhttp", requests, run(requests, concurrency, done -> okhttp(ok3, url, done)));
        report("jdk-httpclient", requests, run(requests, concurrency, done -> jdk(jdk, url, done)));
      }
    } finally {
      server.stop(0);
      threads.shutdownNow();
      dispatcher.executorService().shutdown();
      ok3.connectionPool().evictAll();
    }
    System.exit(0);
  }

  private interface Sender {
    void send(Runnable done);
  }

  private static long[] run(int requests, int concurrency, Sender sender)
      throws InterruptedException {
    Semaphore permits = new Semaphore(concurrency);
    AtomicLong completed = new AtomicLong();
    long cpu0 = cpu();
    long t0 = System.nanoTime();
    for (int i = 0; i < requests; i++) {
      permits.acquire();
      sender.send(() -> {
        completed.incrementAndGet();
        permits.release();
      });
    }
    permits.acquire(concurrency);
    return new long[] {System.nanoTime() - t0, cpu() - cpu0, completed.get()};
  }

  private static void okhttp(OkHttpClient client, String url, Runnable done) {
    client.newCall(new Request.Builder().url(url).build()).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        done.run();
      }

      @Override
      public void onResponse(Call call, Response response) throws IOException {
        try (response) {
          response.body().string();
        }
        done.run();
      }
    });
  }

  private static void jdk(HttpClient client, String url, Runnable done) {
    CompletableFuture<HttpResponse<String>> f = client.sendAsync(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    f.whenComplete((r, e) -> done.run());
  }

  private static void report(String name, int requests, long[] m) {
    double seconds = m[0] / 1e9;
    System.out.printf(Locale.ROOT, "RESULT client=%s requests=%d perSec=%.0f cpuMsPer1k=%.1f%n",
        name, m[2], requests / seconds, m[1] / 1e6 / (requests / 1000.0));
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
