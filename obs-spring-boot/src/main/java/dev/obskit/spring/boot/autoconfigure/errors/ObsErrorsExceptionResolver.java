package dev.obskit.spring.boot.autoconfigure.errors;

import dev.obskit.errors.capture.ErrorTracker;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Captures every exception a handler throws, then lets the application's own resolvers decide the
 * response: it runs first and always returns {@code null}, so the response is exactly what it
 * would be without ObsKit. The request data and user come from the thread scope that
 * {@link RequestScopeFilter} set for this request. Never throws.
 */
public final class ObsErrorsExceptionResolver implements HandlerExceptionResolver, Ordered {
  private final ErrorTracker tracker;

  ObsErrorsExceptionResolver(ErrorTracker tracker) {
    this.tracker = Objects.requireNonNull(tracker, "tracker");
  }

  @Override
  public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
      Object handler, Exception ex) {
    tracker.capture(ex);
    return null;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
