package dev.obskit.core.http;

import dev.obskit.core.config.Checks;
import dev.obskit.core.config.ConfigProperties;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link EmbeddedHttpServer}. Immutable; build with {@link #builder()} or read
 * {@code obs.http.*} with {@link #fromConfig}.
 *
 * <p>The request timeout, header size limit and connection limit are settings of the JDK's
 * built-in server that it reads once per JVM, from system properties, when its first server is
 * created; the embedded server sets them (unless the host already set them) before it creates its
 * first server. A host that created a JDK server earlier keeps the values that server saw.
 */
public final class HttpServerConfig {
  /** Default interface: the loopback address only. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** Default number of request threads. */
  public static final int DEFAULT_THREADS = 32;
  /** Default number of accepted requests waiting for a thread. */
  public static final int DEFAULT_QUEUE = 1024;
  /** Default time a client has to send a whole request (headers and body). */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  /** Default largest total size of a request's headers. */
  public static final int DEFAULT_MAX_HEADER_BYTES = 32 * 1024;
  /** Default most connections open at once. */
  public static final int DEFAULT_MAX_CONNECTIONS = 2048;

  private final String host;
  private final int port;
  private final String basePath;
  private final URI publicUrl;
  private final int threads;
  private final int queue;
  private final Duration requestTimeout;
  private final int maxHeaderBytes;
  private final int maxConnections;

  private HttpServerConfig(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.basePath = b.basePath;
    this.publicUrl = b.publicUrl;
    this.threads = b.threads;
    this.queue = b.queue;
    this.requestTimeout = b.requestTimeout;
    this.maxHeaderBytes = b.maxHeaderBytes;
    this.maxConnections = b.maxConnections;
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads {@code obs.http.host}, {@code .port}, {@code .base-path}, {@code .public-url},
   * {@code .threads}, {@code .queue}, {@code .request-timeout}, {@code .max-header-bytes} and
   * {@code .max-connections}, each defaulting as in the builder.
   */
  public static HttpServerConfig fromConfig(ConfigProperties c) {
    Builder b = builder()
        .host(c.getString("obs.http.host", DEFAULT_HOST))
        .port(c.getInt("obs.http.port", 0))
        .basePath(c.getString("obs.http.base-path", ""))
        .threads(c.getInt("obs.http.threads", DEFAULT_THREADS))
        .queue(c.getInt("obs.http.queue", DEFAULT_QUEUE))
        .requestTimeout(c.getDuration("obs.http.request-timeout", DEFAULT_REQUEST_TIMEOUT))
        .maxConnections(c.getInt("obs.http.max-connections", DEFAULT_MAX_CONNECTIONS));
    Long header = c.getBytes("obs.http.max-header-bytes");
    if (header != null) {
      b.maxHeaderBytes((int) Math.min(Integer.MAX_VALUE, header));
    }
    String url = c.getString("obs.http.public-url");
    if (url != null) {
      b.publicUrl(URI.create(url));
    }
    return b.build();
  }

  /** Returns the interface to bind. */
  public String host() {
    return host;
  }

  /** Returns the port to bind; 0 picks a free one. */
  public int port() {
    return port;
  }

  /** Returns the mount base ({@code ""} or e.g. {@code /obskit}). */
  public String basePath() {
    return basePath;
  }

  /** Returns the public URL links point at (of the mount base), or null for the bound address. */
  public URI publicUrl() {
    return publicUrl;
  }

  /** Returns the number of request threads (daemon). */
  public int threads() {
    return threads;
  }

  /** Returns how many accepted requests may wait for a thread before connections are refused. */
  public int queue() {
    return queue;
  }

  /** Returns the time a client has to send a whole request. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Returns the largest total size of a request's headers. */
  public int maxHeaderBytes() {
    return maxHeaderBytes;
  }

  /** Returns the most connections open at once. */
  public int maxConnections() {
    return maxConnections;
  }

  /** Returns a builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.host = host;
    b.port = port;
    b.basePath = basePath;
    b.publicUrl = publicUrl;
    b.threads = threads;
    b.queue = queue;
    b.requestTimeout = requestTimeout;
    b.maxHeaderBytes = maxHeaderBytes;
    b.maxConnections = maxConnections;
    return b;
  }

  @Override
  public String toString() {
    return "HttpServerConfig{" + host + ":" + port + basePath + ", threads=" + threads + "}";
  }

  /** Builds an {@link HttpServerConfig}. Not thread-safe. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port;
    private String basePath = "";
    private URI publicUrl;
    private int threads = DEFAULT_THREADS;
    private int queue = DEFAULT_QUEUE;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;

    private Builder() {}

    /** Sets the interface to bind (an IP literal or host name); default {@code 127.0.0.1}. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** Sets the port, 0..65535 (0 picks a free one); default 0. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** Sets the mount base, {@code ""} or {@code /segment[/segment...]} without trailing slash. */
    public Builder basePath(String basePath) {
      Objects.requireNonNull(basePath, "basePath");
      if (!basePath.isEmpty() && (!basePath.startsWith("/") || basePath.endsWith("/")
          || !basePath.matches("(/[A-Za-z0-9._~-]+)+"))) {
        throw new IllegalArgumentException("basePath must be empty or like /obskit, got '" + basePath + "'");
      }
      this.basePath = basePath;
      return this;
    }

    /** Sets the absolute URL of the mount base as clients reach it (behind a proxy). */
    public Builder publicUrl(URI publicUrl) {
      Objects.requireNonNull(publicUrl, "publicUrl");
      if (!publicUrl.isAbsolute() || publicUrl.getHost() == null) {
        throw new IllegalArgumentException("publicUrl must be an absolute http(s) URL, got " + publicUrl);
      }
      String s = publicUrl.toString();
      this.publicUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
      return this;
    }

    /** Sets the number of request threads, 1..1024; default 32. */
    public Builder threads(int threads) {
      this.threads = (int) Checks.between("threads", threads, 1, 1024);
      return this;
    }

    /** Sets the request queue length, 1..1,000,000; default 1024. */
    public Builder queue(int queue) {
      this.queue = (int) Checks.between("queue", queue, 1, 1_000_000);
      return this;
    }

    /** Sets the time a client has to send a whole request, 1 s..1 h; default 30 s. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = Checks.durationBetween("requestTimeout", requestTimeout,
          Duration.ofSeconds(1), Duration.ofHours(1));
      return this;
    }

    /** Sets the largest total header size, 1 KiB..1 MiB; default 32 KiB. */
    public Builder maxHeaderBytes(int maxHeaderBytes) {
      this.maxHeaderBytes = (int) Checks.between("maxHeaderBytes", maxHeaderBytes, 1024, 1 << 20);
      return this;
    }

    /** Sets the most connections open at once, 1..1,000,000; default 2048. */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = (int) Checks.between("maxConnections", maxConnections, 1, 1_000_000);
      return this;
    }

    /** Returns the config. */
    public HttpServerConfig build() {
      return new HttpServerConfig(this);
    }
  }
}
