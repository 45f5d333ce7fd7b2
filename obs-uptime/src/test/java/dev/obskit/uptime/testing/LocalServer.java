package dev.obskit.uptime.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ServerSocketFactory;

/** A real TCP listener on loopback that runs a small line protocol per connection. */
public final class LocalServer implements AutoCloseable {
  /** Handles one accepted connection. */
  @FunctionalInterface
  public interface Handler {
    void handle(Socket socket, BufferedReader in, OutputStream out) throws IOException;
  }

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "local-server");
    t.setDaemon(true);
    return t;
  });

  private LocalServer(ServerSocket server, Handler handler) {
    this.server = server;
    threads.execute(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          threads.execute(() -> serve(s, handler));
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  public static LocalServer start(Handler handler) throws IOException {
    return start(ServerSocketFactory.getDefault(), handler);
  }

  public static LocalServer start(ServerSocketFactory factory, Handler handler)
      throws IOException {
    ServerSocket s = factory.createServerSocket();
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return new LocalServer(s, handler);
  }

  private static void serve(Socket s, Handler handler) {
    try (s) {
      s.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
          StandardCharsets.US_ASCII));
      handler.handle(s, in, s.getOutputStream());
    } catch (IOException e) {
      // the client hung up; that is part of what these servers test
    }
  }

  public static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  public int port() {
    return server.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
