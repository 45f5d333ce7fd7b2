package dev.obskit.core.http;

/**
 * Answers one request of a {@link Route}. Called on the server's request thread; may block for as
 * long as the work takes, within the adapter's request timeout. An exception becomes a 500
 * response whose body names neither the exception nor its message; {@link HttpStatusException}
 * chooses the status and public message, {@link PayloadTooLargeException} becomes 413.
 */
@FunctionalInterface
public interface RouteHandler {
  /** Returns the response to {@code request}; never null. */
  HttpResponse handle(HttpRequest request) throws Exception;
}
