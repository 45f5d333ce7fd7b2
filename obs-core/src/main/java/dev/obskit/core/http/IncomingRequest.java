package dev.obskit.core.http;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * A request as an adapter received it, before routing: what an adapter (the embedded server, the
 * servlet adapter, a host's own) hands to {@link Router#dispatch}. Implementations wrap the
 * adapter's native request; only used by the request's thread.
 */
public interface IncomingRequest {
  /** Returns the method name as received (e.g. {@code "GET"}). */
  String method();

  /** Returns the still-encoded path relative to the mount base, starting with {@code /}. */
  String rawPath();

  /** Returns the still-encoded query string without {@code ?}, or null. */
  String rawQuery();

  /** Returns every value of header {@code name} (case-insensitive); empty when absent. */
  List<String> headerValues(String name);

  /** Returns the body stream; the router bounds how much of it is read. */
  InputStream body();

  /** Returns the address of the connection's peer. */
  InetAddress peerAddress();

  /** Returns the absolute URL of the mount base, without a trailing slash. */
  URI baseUrl();
}
