package dev.obskit.core.http;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as a {@link RouteHandler} sees it, the same through every adapter. Used by one
 * thread at a time (the request's thread).
 */
public interface HttpRequest {

  /** Returns the method. */
  HttpMethod method();

  /** Returns the decoded path relative to the mount base, starting with {@code /}. */
  String path();

  /** Returns the decoded value of template variable {@code name} (e.g. {@code project}). */
  Optional<String> pathVariable(String name);

  /** Returns every template variable of the matched route. */
  Map<String, String> pathVariables();

  /** Returns the first value of query parameter {@code name}. */
  Optional<String> query(String name);

  /** Returns every query parameter with all its values, in order. */
  Map<String, List<String>> queryParameters();

  /** Returns the first value of header {@code name} (case-insensitive). */
  Optional<String> header(String name);

  /** Returns every value of header {@code name} (case-insensitive); empty when absent. */
  List<String> headers(String name);

  /** Returns the value of cookie {@code name}. */
  Optional<String> cookie(String name);

  /**
   * Returns the body. Reading past the route's {@link Route#maxBodyBytes()} throws {@link
   * PayloadTooLargeException}; reads are bounded by the adapter's timeouts. Not decompressed.
   */
  InputStream body();

  /** Reads the whole body (once; later calls return the same bytes), within the route's limit. */
  byte[] bodyBytes() throws java.io.IOException;

  /**
   * Returns the client's address: the connection's peer, or, when the peer is a configured trusted
   * proxy, the right-most untrusted address of {@code X-Forwarded-For}.
   */
  InetAddress remoteAddress();

  /** Returns the absolute URL of the mount base, without a trailing slash (for links). */
  URI baseUrl();

  /** Returns the absolute URL of this request, with its query. */
  URI requestUrl();
}
