package dev.obskit.spring.boot.autoconfigure.errors;

import dev.obskit.errors.capture.ErrorTracker;
import dev.obskit.errors.capture.Scope;
import dev.obskit.errors.event.UserInfo;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives each request its own error scope: the method and path as the transaction, the URL (without
 * its query string, which may carry secrets) and method as tags, the authenticated user's name as
 * the user, and the client address only when {@code obs.errors.send-default-pii} is true. The scope
 * is cleared when the request ends, so nothing leaks into the next request on the same thread.
 */
final class RequestScopeFilter extends OncePerRequestFilter {
  private static final int MAX_TAG = 200;
  private final ErrorTracker tracker;
  private final boolean sendPii;

  RequestScopeFilter(ErrorTracker tracker, boolean sendPii) {
    this.tracker = tracker;
    this.sendPii = sendPii;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    Scope scope = tracker.scope();
    try {
      fill(scope, request);
    } catch (RuntimeException e) {
      // A bad request attribute must never fail the host's request.
      scope.clear();
    }
    try {
      chain.doFilter(request, response);
    } finally {
      scope.clear();
    }
  }

  private void fill(Scope scope, HttpServletRequest request) {
    String path = bounded(request.getRequestURI());
    scope.setTransaction(request.getMethod() + " " + path);
    scope.setTag("http.method", bounded(request.getMethod()));
    scope.setTag("url", bounded(request.getRequestURL().toString()));
    Principal principal = request.getUserPrincipal();
    String ip = sendPii ? request.getRemoteAddr() : null;
    if (principal != null || ip != null) {
      String name = principal == null ? null : bounded(principal.getName());
      scope.setUser(new UserInfo(name, null, name, ip));
    }
  }

  private static String bounded(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= MAX_TAG ? s : s.substring(0, MAX_TAG);
  }
}
