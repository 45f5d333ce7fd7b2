package dev.obskit.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RouterTest {
  private final AtomicReference<HttpRequest> seen = new AtomicReference<>();

  private RouteHandler echo(String body) {
    return r -> {
      seen.set(r);
      return HttpResponse.text(body);
    };
  }

  private Router router(Route... routes) {
    return Router.builder().add(RouteGroup.of("test", routes)).build();
  }

  @Test
  void dispatch_unknownPath_returns404Json() {
    HttpResponse r = router(Route.get("/a", echo("a"))).dispatch(FakeIncomingRequest.of("GET", "/b"));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.bodyText()).isEqualTo("{\"error\":\"not found\"}");
    assertThat(r.header("X-Content-Type-Options")).contains("nosniff");
  }

  @Test
  void dispatch_wrongMethod_returns405WithAllow() {
    HttpResponse r = router(Route.get("/a", echo("a")), Route.post("/a", echo("p")))
        .dispatch(FakeIncomingRequest.of("DELETE", "/a"));
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).contains("GET, HEAD, POST, OPTIONS");
  }

  @Test
  void dispatch_unknownMethodName_returns501() {
    assertThat(router(Route.get("/a", echo("a"))).dispatch(FakeIncomingRequest.of("BREW", "/a"))
        .status()).isEqualTo(501);
  }

  @Test
  void dispatch_head_answersFromGetWithoutBody() {
    HttpResponse r = router(Route.get("/a", echo("hello"))).dispatch(FakeIncomingRequest.of("HEAD", "/a"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyBytes()).isEmpty();
    assertThat(r.header("Content-Type")).contains("text/plain; charset=utf-8");
  }

  @Test
  void dispatch_optionsWithoutRoute_returns204WithAllow() {
    HttpResponse r = router(Route.post("/a", echo("a"))).dispatch(FakeIncomingRequest.of("OPTIONS", "/a"));
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.header("Allow")).contains("POST, OPTIONS");
  }

  @Test
  void dispatch_pathVariables_areDecodedPerSegment() {
    router(Route.get("/api/{project}/envelope/", echo("ok")))
        .dispatch(FakeIncomingRequest.of("GET", "/api/a%2Fb%20c+d/envelope/?x=1&x=2&y=%C3%A9"));
    HttpRequest r = seen.get();
    assertThat(r.pathVariable("project")).contains("a/b c+d");
    assertThat(r.queryParameters().get("x")).containsExactly("1", "2");
    assertThat(r.query("y")).contains("é");
    assertThat(r.requestUrl().toString())
        .isEqualTo("http://127.0.0.1:8080/obskit/api/a%2Fb%20c+d/envelope/?x=1&x=2&y=%C3%A9");
  }

  @Test
  void dispatch_trailingSlash_isIgnored() {
    Router router = router(Route.get("/api/{project}/store/", echo("ok")));
    assertThat(router.dispatch(FakeIncomingRequest.of("GET", "/api/1/store")).status()).isEqualTo(200);
    assertThat(router.dispatch(FakeIncomingRequest.of("GET", "/api/1/store/")).status()).isEqualTo(200);
    assertThat(router.dispatch(FakeIncomingRequest.of("GET", "/api//store/")).status()).isEqualTo(404);
  }

  @Test
  void dispatch_literalSegment_beatsVariable() {
    Router router = router(Route.get("/h/{token}/{code}", echo("code")),
        Route.get("/h/{token}/fail", echo("fail")));
    assertThat(router.dispatch(FakeIncomingRequest.of("GET", "/h/t/fail")).bodyText()).isEqualTo("fail");
    assertThat(router.dispatch(FakeIncomingRequest.of("GET", "/h/t/3")).bodyText()).isEqualTo("code");
  }

  @Test
  void dispatch_traversalOrControlCharacters_returns400() {
    Router router = router(Route.get("/f/{name}", echo("ok")));
    for (String p : List.of("/f/..", "/f/%2e%2e", "/f/.", "/f/a%00b", "/f/%zz", "/f/a%5cb", "f/x")) {
      assertThat(router.dispatch(FakeIncomingRequest.of("GET", p)).status()).as(p).isEqualTo(400);
    }
  }

  @Test
  void dispatch_declaredBodyOverLimit_returns413WithoutCallingHandler() {
    Router router = router(Route.post("/a", echo("ok")).withMaxBodyBytes(10));
    HttpResponse r = router.dispatch(FakeIncomingRequest.of("POST", "/a").header("Content-Length", "11"));
    assertThat(r.status()).isEqualTo(413);
    assertThat(seen.get()).isNull();
  }

  @Test
  void dispatch_readBodyOverLimit_returns413() {
    Router router = router(Route.post("/a", r -> HttpResponse.text(new String(r.bodyBytes(),
        StandardCharsets.UTF_8))).withMaxBodyBytes(10));
    assertThat(router.dispatch(FakeIncomingRequest.of("POST", "/a").body("0123456789")).bodyText())
        .isEqualTo("0123456789");
    assertThat(router.dispatch(FakeIncomingRequest.of("POST", "/a").body("0123456789X")).status())
        .isEqualTo(413);
  }

  @Test
  void dispatch_malformedContentLength_returns400() {
    Router router = router(Route.post("/a", echo("ok")));
    assertThat(router.dispatch(FakeIncomingRequest.of("POST", "/a").header("Content-Length", "-1"))
        .status()).isEqualTo(400);
    assertThat(router.dispatch(FakeIncomingRequest.of("POST", "/a").header("Content-Length", "x"))
        .status()).isEqualTo(400);
  }

  @Test
  void dispatch_handlerThrows_returns500WithoutInternalDetail() {
    Router router = router(Route.get("/a", r -> {
      throw new IllegalStateException("secret-db-password");
    }), Route.get("/b", r -> {
      throw new StackOverflowError("deep");
    }), Route.get("/c", r -> null));
    for (String p : List.of("/a", "/b", "/c")) {
      HttpResponse r = router.dispatch(FakeIncomingRequest.of("GET", p));
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.bodyText()).isEqualTo("{\"error\":\"internal error\"}");
    }
  }

  @Test
  void dispatch_httpStatusException_usesItsStatusAndMessage() {
    Router router = router(Route.get("/a", r -> {
      throw new HttpStatusException(401, "bad token");
    }));
    HttpResponse r = router.dispatch(FakeIncomingRequest.of("GET", "/a"));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.bodyText()).isEqualTo("{\"error\":\"bad token\"}");
  }

  @Test
  void dispatch_tooManyQueryParameters_returns400() {
    Router router = router(Route.get("/a", r -> HttpResponse.text(r.query("a").orElse(""))));
    String q = "a=1" + "&b=2".repeat(300);
    assertThat(router.dispatch(FakeIncomingRequest.of("GET", "/a?" + q)).status()).isEqualTo(400);
    assertThat(router.dispatch(FakeIncomingRequest.of("GET", "/a?a=%zz")).status()).isEqualTo(400);
  }

  @Test
  void build_conflictingRoutes_throwsNamingBoth() {
    assertThatThrownBy(() -> router(Route.get("/a/{x}", echo("1")), Route.get("/a/{y}/", echo("2"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("GET /a/{x}").hasMessageContaining("GET /a/{y}/");
  }

  @Test
  void build_disabledGroup_isNotServed() {
    Router router = Router.builder().add(RouteGroup.of("on", Route.get("/on", echo("1"))))
        .add(RouteGroup.of("off", Route.get("/off", echo("2"))))
        .enabledGroups(g -> !g.equals("off")).build();
    assertThat(router.dispatch(FakeIncomingRequest.of("GET", "/on")).status()).isEqualTo(200);
    assertThat(router.dispatch(FakeIncomingRequest.of("GET", "/off")).status()).isEqualTo(404);
  }

  @Test
  void remoteAddress_forwardedForFromUntrustedPeer_isIgnored() throws Exception {
    Router router = Router.builder().add(RouteGroup.of("t", Route.get("/a", echo("ok"))))
        .trustedProxies(TrustedProxies.of(List.of("10.0.0.0/8"))).build();
    router.dispatch(FakeIncomingRequest.of("GET", "/a").peer("192.0.2.7")
        .header("X-Forwarded-For", "203.0.113.9"));
    assertThat(seen.get().remoteAddress().getHostAddress()).isEqualTo("192.0.2.7");
    router.dispatch(FakeIncomingRequest.of("GET", "/a").peer("10.1.2.3")
        .header("X-Forwarded-For", "1.1.1.1, 203.0.113.9, 10.9.9.9"));
    assertThat(seen.get().remoteAddress().getHostAddress()).isEqualTo("203.0.113.9");
    router.dispatch(FakeIncomingRequest.of("GET", "/a").peer("10.1.2.3")
        .header("X-Forwarded-For", "evil.example, 10.9.9.9"));
    assertThat(seen.get().remoteAddress().getHostAddress()).isEqualTo("10.9.9.9");
  }

  @Test
  void request_headersAndCookies_areCaseInsensitiveAndParsed() {
    router(Route.get("/a", echo("ok"))).dispatch(FakeIncomingRequest.of("GET", "/a")
        .header("X-Sentry-Auth", "Sentry sentry_key=k").header("Cookie", "a=1; sid=\"xyz\""));
    assertThat(seen.get().header("x-sentry-auth")).contains("Sentry sentry_key=k");
    assertThat(seen.get().cookie("sid")).contains("xyz");
    assertThat(seen.get().cookie("none")).isEmpty();
  }

  @Test
  void eventStream_slowClient_isDroppedAndSourceToldSoOnce() throws Exception {
    AtomicReference<EventSink> sinkRef = new AtomicReference<>();
    Router router = router(Route.get("/tail", r -> HttpResponse.eventStream(sink -> {
      sinkRef.set(sink);
      return () -> { };
    }, 2)));
    HttpResponse r = router.dispatch(FakeIncomingRequest.of("GET", "/tail"));
    assertThat(r.header("Content-Type")).contains("text/event-stream; charset=utf-8");
    // Start the pump on a stream whose writes block forever, like a client that stopped reading.
    java.io.PipedOutputStream stuck = new java.io.PipedOutputStream(new java.io.PipedInputStream(1));
    Thread t = new Thread(() -> {
      try {
        router.writeBody(r, stuck);
      } catch (Exception ignored) {
        // the test checks the sink
      }
    });
    t.setDaemon(true);
    t.start();
    org.awaitility.Awaitility.await().until(() -> sinkRef.get() != null);
    int accepted = 0;
    for (int i = 0; i < 100; i++) {
      if (sinkRef.get().send("log", "line " + i)) {
        accepted++;
      }
    }
    assertThat(accepted).isLessThan(100);
    assertThat(sinkRef.get().isOpen()).isFalse();
    assertThat(sinkRef.get().send("log", "late")).isFalse();
  }

  @Test
  void eventStream_writesFramesAndEndsWhenSourceCloses() throws Exception {
    Router router = router(Route.get("/tail", r -> HttpResponse.eventStream(sink -> {
      sink.send("log", "a\nb");
      sink.send(null, "c");
      sink.close();
      return () -> { };
    })));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    router.writeBody(router.dispatch(FakeIncomingRequest.of("GET", "/tail")), out);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(": connected\n\nevent: log\ndata: a\ndata: b\n\ndata: c\n\n");
    assertThat(router.openEventStreams()).isZero();
  }

  @Test
  void constantTimeEquals_comparesContent() {
    assertThat(HttpSecurity.constantTimeEquals("abc", "abc")).isTrue();
    assertThat(HttpSecurity.constantTimeEquals("abc", "abd")).isFalse();
    assertThat(HttpSecurity.constantTimeEquals("abc", "abcd")).isFalse();
    assertThat(HttpSecurity.constantTimeEquals(null, "abc")).isFalse();
    assertThat(HttpSecurity.bearerToken("bearer  t0k ")).isEqualTo("t0k");
    assertThat(HttpSecurity.bearerToken("Basic x")).isNull();
  }

  @Test
  void responseBuilder_refusesHeaderInjection() {
    assertThatThrownBy(() -> HttpResponse.builder().header("Location", "/a\r\nSet-Cookie: x=1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void html_carriesSecurityHeaders() {
    HttpResponse r = HttpResponse.html("<p>x</p>");
    assertThat(r.header("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
    assertThat(r.header("X-Frame-Options")).contains("DENY");
  }

  @Test
  void routeTemplate_malformed_throwsNamingIt() {
    assertThatThrownBy(() -> Route.get("/a/{x", echo("1"))).hasMessageContaining("/a/{x");
    assertThatThrownBy(() -> Route.get("a", echo("1"))).hasMessageContaining("'/'");
    assertThatThrownBy(() -> Route.get("/a/../b", echo("1"))).hasMessageContaining("..");
  }
}
