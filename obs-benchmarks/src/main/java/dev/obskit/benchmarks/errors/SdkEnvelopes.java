package dev.obskit.benchmarks.errors;

import io.sentry.Breadcrumb;
import io.sentry.Sentry;
import io.sentry.protocol.User;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Request bodies exactly as sentry-java 8.62.0 sends them: the real SDK captures real exceptions
 * (a chain of three, stacks shaped like a Spring MVC request on Tomcat) with breadcrumbs, a tag
 * and a user, and its own serializer writes each envelope into a {@link GZIPOutputStream}, which
 * is what the SDK's {@code HttpConnection} does before posting. The transport is replaced by one
 * that keeps those bytes instead of sending them; everything before it is the SDK's own code.
 *
 * <p>Several distinct issues with repeats: envelope {@code i} belongs to issue 0 when {@code i}
 * is even (one hot issue gets half the traffic, the case where concurrent updates of one issue
 * meet) and to one of {@code issues - 1} others otherwise. Issues differ by their in-app frames
 * (service, client and controller classes); within an issue only the ids in the messages, the
 * number of the generated reflection accessor, the region tag, the user and the event id change, which
 * must not split the issue.
 *
 * <p>Reflection is used for {@code SentryOptions}, the serializer and the transport because their
 * members carry JetBrains annotations that are not on the class path and would become compiler
 * warnings (and this build fails on warnings).
 */
final class SdkEnvelopes {
  private static final String[] DOMAINS = {"orders", "payments", "cart", "inventory", "shipping",
      "accounts", "search", "pricing", "reviews", "coupons", "catalog", "returns"};

  private SdkEnvelopes() {}

  /** The issue envelope {@code i} belongs to. */
  static int issueOf(int i, int issues) {
    return i % 2 == 0 ? 0 : 1 + (i / 2) % (issues - 1);
  }

  /** Captures {@code count} exceptions through the real SDK and returns the gzipped envelopes. */
  static List<byte[]> capture(int count, int issues) {
    if (issues < 2 || issues > DOMAINS.length) {
      throw new IllegalArgumentException("issues must be 2.." + DOMAINS.length + ", got " + issues);
    }
    List<byte[]> out = new ArrayList<>(count);
    init(out);
    try {
      for (int i = 0; i < count; i++) {
        int issue = issueOf(i, issues);
        int n = 10_000 + i;
        Throwable t = chain(DOMAINS[issue], n);
        String user = Integer.toString(i % 97);
        String region = i % 3 == 0 ? "eu-west-1" : "us-east-1";
        Sentry.captureException(t, scope -> {
          scope.setTag("route", "/api/" + DOMAINS[issue]);
          scope.setTag("region", region);
          User u = new User();
          u.setId(user);
          scope.setUser(u);
          scope.addBreadcrumb(crumb("http", "GET /api/" + DOMAINS[issue] + "/" + n + " 200"));
          scope.addBreadcrumb(crumb("db.sql.query", "select * from " + DOMAINS[issue] + " where id = ?"));
          scope.addBreadcrumb(crumb("cache", "miss " + DOMAINS[issue] + ":" + n));
          scope.addBreadcrumb(crumb("http", "POST https://gateway.example.com/v1/charge 503"));
          scope.addBreadcrumb(crumb("log", "retrying " + DOMAINS[issue] + " request " + n + " (attempt 2)"));
        });
      }
      Sentry.flush(1000);
    } finally {
      Sentry.close();
    }
    if (out.size() != count) {
      throw new IllegalStateException("sentry-java produced " + out.size() + " envelopes for "
          + count + " captures");
    }
    return out;
  }

  private static Breadcrumb crumb(String category, String message) {
    Breadcrumb b = new Breadcrumb();
    b.setCategory(category);
    b.setMessage(message);
    return b;
  }

  /** A chain of three as an HTTP handler would throw it: wrapper, cause, root cause. */
  static Throwable chain(String domain, int n) {
    String svc = "com.shop." + domain + "." + capital(domain) + "Service";
    String client = "com.shop." + domain + ".GatewayClient";
    StackTraceElement[] request = requestFrames(domain, n);
    java.io.IOException root = new java.io.IOException("Connection reset by peer");
    root.setStackTrace(concat(new StackTraceElement[] {
        frame("sun.nio.ch.NioSocketImpl", "implRead", "NioSocketImpl.java", 320),
        frame("sun.nio.ch.NioSocketImpl", "read", "NioSocketImpl.java", 347),
        frame("java.net.Socket$SocketInputStream", "read", "Socket.java", 966),
        frame("okio.InputStreamSource", "read", "JvmOkio.kt", 94),
        frame("okhttp3.internal.http1.Http1ExchangeCodec", "readResponseHeaders", "Http1ExchangeCodec.kt", 178),
        frame("okhttp3.internal.connection.RealCall", "execute", "RealCall.kt", 154),
        frame(client, "post", "GatewayClient.java", 88),
        frame(client, "charge", "GatewayClient.java", 61)}, request, 2));
    IllegalStateException cause = new IllegalStateException("payment " + n + " declined by gateway", root);
    cause.setStackTrace(concat(new StackTraceElement[] {
        frame(client, "charge", "GatewayClient.java", 67)}, request, 2));
    RuntimeException outer = new RuntimeException("Order " + n + " failed", cause);
    outer.setStackTrace(concat(new StackTraceElement[] {
        frame(svc, "fail", capital(domain) + "Service.java", 212)}, request, 0));
    return outer;
  }

  /** The frames of a Spring MVC request on Tomcat, innermost first, ending in the service. */
  private static StackTraceElement[] requestFrames(String domain, int n) {
    String svc = "com.shop." + domain + "." + capital(domain) + "Service";
    String file = capital(domain) + "Service.java";
    String controller = "com.shop.web." + capital(domain) + "Controller";
    return new StackTraceElement[] {
        frame(svc, "lambda$process$3", file, 181),
        frame("java.util.Optional", "map", "Optional.java", 260),
        frame(svc, "process", file, 176),
        frame(svc + "$$SpringCGLIB$$0", "process", "<generated>", -1),
        frame("org.springframework.aop.framework.CglibAopProxy$DynamicAdvisedInterceptor", "intercept", "CglibAopProxy.java", 713),
        frame("org.springframework.transaction.interceptor.TransactionInterceptor", "invoke", "TransactionInterceptor.java", 119),
        frame("org.springframework.aop.framework.ReflectiveMethodInvocation", "proceed", "ReflectiveMethodInvocation.java", 184),
        frame(controller, "handle", capital(domain) + "Controller.java", 58),
        frame("jdk.internal.reflect.GeneratedMethodAccessor" + (100 + n % 7), "invoke", null, -1),
        frame("jdk.internal.reflect.DelegatingMethodAccessorImpl", "invoke", "DelegatingMethodAccessorImpl.java", 43),
        frame("java.lang.reflect.Method", "invoke", "Method.java", 568),
        frame("org.springframework.web.method.support.InvocableHandlerMethod", "doInvoke", "InvocableHandlerMethod.java", 255),
        frame("org.springframework.web.method.support.InvocableHandlerMethod", "invokeForRequest", "InvocableHandlerMethod.java", 188),
        frame("org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod", "invokeAndHandle", "ServletInvocableHandlerMethod.java", 118),
        frame("org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter", "invokeHandlerMethod", "RequestMappingHandlerAdapter.java", 926),
        frame("org.springframework.web.servlet.DispatcherServlet", "doDispatch", "DispatcherServlet.java", 1089),
        frame("org.springframework.web.servlet.DispatcherServlet", "doService", "DispatcherServlet.java", 979),
        frame("org.springframework.web.servlet.FrameworkServlet", "processRequest", "FrameworkServlet.java", 1014),
        frame("org.springframework.web.servlet.FrameworkServlet", "doPost", "FrameworkServlet.java", 914),
        frame("jakarta.servlet.http.HttpServlet", "service", "HttpServlet.java", 590),
        frame("org.apache.catalina.core.ApplicationFilterChain", "internalDoFilter", "ApplicationFilterChain.java", 205),
        frame("org.apache.catalina.core.ApplicationFilterChain", "doFilter", "ApplicationFilterChain.java", 149),
        frame("org.springframework.web.filter.OncePerRequestFilter", "doFilter", "OncePerRequestFilter.java", 116),
        frame("org.apache.catalina.core.StandardWrapperValve", "invoke", "StandardWrapperValve.java", 167),
        frame("org.apache.catalina.connector.CoyoteAdapter", "service", "CoyoteAdapter.java", 344),
        frame("org.apache.coyote.http11.Http11Processor", "service", "Http11Processor.java", 391),
        frame("org.apache.tomcat.util.net.NioEndpoint$SocketProcessor", "doRun", "NioEndpoint.java", 1740),
        frame("java.util.concurrent.ThreadPoolExecutor", "runWorker", "ThreadPoolExecutor.java", 1136),
        frame("java.util.concurrent.ThreadPoolExecutor$Worker", "run", "ThreadPoolExecutor.java", 635),
        frame("java.lang.Thread", "run", "Thread.java", 840)};
  }

  private static StackTraceElement frame(String cls, String method, String file, int line) {
    return new StackTraceElement(cls, method, file, line);
  }

  private static StackTraceElement[] concat(StackTraceElement[] top, StackTraceElement[] rest, int skip) {
    StackTraceElement[] out = new StackTraceElement[top.length + rest.length - skip];
    System.arraycopy(top, 0, out, 0, top.length);
    System.arraycopy(rest, skip, out, top.length, rest.length - skip);
    return out;
  }

  private static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Initialises the SDK with a transport that gzips each serialized envelope into {@code out}. */
  private static void init(List<byte[]> out) {
    try {
      Class<?> optionsType = Class.forName("io.sentry.SentryOptions");
      Object options = optionsType.getConstructor().newInstance();
      call(options, "setDsn", String.class, "http://key@127.0.0.1:9/42");
      call(options, "setEnableUncaughtExceptionHandler", boolean.class, false);
      call(options, "setEnableShutdownHook", boolean.class, false);
      call(options, "setEnableDeduplication", boolean.class, false);
      call(options, "setServerName", String.class, "web-1");
      call(options, "setRelease", String.class, "shop@1.4.2");
      call(options, "setEnvironment", String.class, "production");
      call(options, "addInAppInclude", String.class, "com.shop");
      Object serializer = optionsType.getMethod("getSerializer").invoke(options);
      Class<?> envelopeType = Class.forName("io.sentry.SentryEnvelope");
      Method serialize = Class.forName("io.sentry.ISerializer")
          .getMethod("serialize", envelopeType, OutputStream.class);
      Class<?> transportType = Class.forName("io.sentry.transport.ITransport");
      Object transport = Proxy.newProxyInstance(transportType.getClassLoader(),
          new Class<?>[] {transportType}, (proxy, method, args) -> {
            switch (method.getName()) {
              case "send":
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
                  serialize.invoke(serializer, args[0], gzip);
                }
                synchronized (out) {
                  out.add(bytes.toByteArray());
                }
                return null;
              case "isHealthy":
                return true;
              case "hashCode":
                return System.identityHashCode(proxy);
              case "equals":
                return proxy == args[0];
              case "toString":
                return "capturing transport";
              default:
                return null;
            }
          });
      Class<?> factoryType = Class.forName("io.sentry.ITransportFactory");
      Object factory = Proxy.newProxyInstance(factoryType.getClassLoader(), new Class<?>[] {factoryType},
          (proxy, method, args) -> method.getName().equals("create") ? transport : null);
      call(options, "setTransportFactory", factoryType, factory);
      Class.forName("io.sentry.Sentry").getMethod("init", optionsType).invoke(null, options);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("could not initialise sentry-java", e);
    }
  }

  private static void call(Object target, String name, Class<?> type, Object arg)
      throws ReflectiveOperationException {
    Method m = target.getClass().getMethod(name, type);
    m.invoke(target, arg);
  }

  /** Decompresses one body, for checks in the benchmark's set-up. */
  static byte[] gunzip(byte[] gz) {
    try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
        new java.io.ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
