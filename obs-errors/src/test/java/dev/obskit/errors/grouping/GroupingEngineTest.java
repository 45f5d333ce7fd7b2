package dev.obskit.errors.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.ExceptionValue;
import dev.obskit.errors.event.LogEntry;
import dev.obskit.errors.event.StackFrame;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingEngineTest {
  private final GroupingEngine engine = GroupingEngine.create();

  static StackFrame app(String module, String function, int line) {
    return StackFrame.java(module, function, module.substring(module.lastIndexOf('.') + 1) + ".java",
        line, true);
  }

  static StackFrame lib(String module, String function, int line) {
    return StackFrame.java(module, function, null, line, null);
  }

  static ExceptionValue ex(String type, String value, StackFrame... frames) {
    return new ExceptionValue(type, value, "java.lang", List.of(frames), "chained", false, null);
  }

  static ErrorEvent event(ExceptionValue... chain) {
    return ErrorEvent.builder().timestamp(Instant.EPOCH).exceptions(List.of(chain)).build();
  }

  static ErrorEvent message(String template, String formatted) {
    return ErrorEvent.builder().timestamp(Instant.EPOCH)
        .logEntry(new LogEntry(template, List.of(), formatted)).build();
  }

  static String md5(String text) throws Exception {
    return HexFormat.of().formatHex(
        MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private String key(ErrorEvent e) {
    return engine.group(e).hash();
  }

  @Test
  void group_stacksDifferingOnlyInLineNumbers_sameGroup() {
    ErrorEvent a = event(ex("IllegalStateException", "boom",
        lib("java.lang.Thread", "run", 833), app("com.shop.OrderService", "place", 10),
        app("com.shop.Repo", "save", 20)));
    ErrorEvent b = event(ex("IllegalStateException", "boom",
        lib("java.lang.Thread", "run", 840), app("com.shop.OrderService", "place", 99),
        app("com.shop.Repo", "save", 21)));
    assertThat(key(a)).isEqualTo(key(b));
  }

  @Test
  void group_appStack_hashIsMd5OfDocumentedComponents() throws Exception {
    ErrorEvent e = event(
        ex("SQLException", "connection reset", app("com.shop.Repo", "save", 20)),
        ex("IllegalStateException", "Order 123 failed",
            lib("java.lang.Thread", "run", 833), app("com.shop.OrderService", "place", 10)));
    GroupingResult r = engine.group(e);
    String expected = md5("type:SQLException\nframe:com.shop.Repo#save\n"
        + "type:IllegalStateException\nframe:com.shop.OrderService#place");
    assertThat(r.hash()).isEqualTo(expected);
    assertThat(r.strategy()).isEqualTo(GroupingStrategy.APP_STACKTRACE);
    assertThat(r.configVersion()).isEqualTo(GroupingConfig.DEFAULT_VERSION);
  }

  @Test
  void group_sameTypeDifferentMessagesSameStack_sameGroup() {
    assertThat(key(event(ex("IllegalStateException", "user 1 missing", app("a.B", "c", 1)))))
        .isEqualTo(key(event(ex("IllegalStateException", "totally different", app("a.B", "c", 2)))));
  }

  @Test
  void group_sameTypeDifferentCallSites_differentGroups() {
    assertThat(key(event(ex("IllegalStateException", "x", app("a.B", "first", 1)))))
        .isNotEqualTo(key(event(ex("IllegalStateException", "x", app("a.B", "second", 1)))));
  }

  @Test
  void group_differentTypesSameStack_differentGroups() {
    assertThat(key(event(ex("IllegalStateException", "x", app("a.B", "c", 1)))))
        .isNotEqualTo(key(event(ex("IllegalArgumentException", "x", app("a.B", "c", 1)))));
  }

  @Test
  void group_libraryFramesOutsideApp_doNotSplitGroups() {
    ErrorEvent a = event(ex("E", "x", lib("org.springframework.web.Dispatcher", "doService", 1),
        app("com.shop.Api", "get", 5)));
    ErrorEvent b = event(ex("E", "x", lib("io.undertow.Handler", "handle", 3),
        lib("org.springframework.web.Other", "run", 1), app("com.shop.Api", "get", 5)));
    assertThat(key(a)).isEqualTo(key(b));
  }

  @Test
  void group_frameworkFrameMarkedInApp_isNotApp() throws Exception {
    ErrorEvent e = event(ex("E", "x", app("org.springframework.Foo", "bar", 1),
        app("com.shop.Api", "get", 5)));
    assertThat(engine.group(e).hash()).isEqualTo(md5("type:E\nframe:com.shop.Api#get"));
  }

  @Test
  void group_noInAppFrames_fallsBackToAllFrames() throws Exception {
    ErrorEvent e = event(ex("NullPointerException", "x", lib("java.util.HashMap", "get", 1),
        lib("java.lang.reflect.Method", "invoke", 2), lib("org.lib.Parser", "parse", 3)));
    GroupingResult r = engine.group(e);
    assertThat(r.strategy()).isEqualTo(GroupingStrategy.SYSTEM_STACKTRACE);
    assertThat(r.hash()).isEqualTo(md5(
        "type:NullPointerException\nframe:java.util.HashMap#get\nframe:org.lib.Parser#parse"));
  }

  @Test
  void group_noFrames_usesTypeAndNormalisedValue() throws Exception {
    ErrorEvent a = event(ex("TimeoutException", "request 42 timed out after 3000ms"));
    ErrorEvent b = event(ex("TimeoutException", "request 77 timed out after 15ms"));
    GroupingResult r = engine.group(a);
    assertThat(r.strategy()).isEqualTo(GroupingStrategy.EXCEPTION_VALUE);
    assertThat(r.hash()).isEqualTo(md5("type:TimeoutException\nvalue:request <int> timed out after <duration>"));
    assertThat(key(b)).isEqualTo(r.hash());
    assertThat(key(event(ex("TimeoutException", "connect refused")))).isNotEqualTo(r.hash());
  }

  @Test
  void group_cglibAndSpringCglibProxies_normalised() {
    String a = key(event(ex("E", "x", app("com.shop.Service$$EnhancerBySpringCGLIB$$1a2b3c4d", "pay", 1))));
    String b = key(event(ex("E", "x", app("com.shop.Service$$EnhancerBySpringCGLIB$$99ffee00", "pay", 1))));
    assertThat(a).isEqualTo(b);
    String c = key(event(ex("E", "x", app("com.shop.Service$$SpringCGLIB$$0", "pay", 1))));
    String d = key(event(ex("E", "x", app("com.shop.Service$$SpringCGLIB$$1", "pay", 1))));
    assertThat(c).isEqualTo(d);
    String g = key(event(ex("E", "x", app("com.shop.Service$$EnhancerByGuice$$abc123", "pay", 1))));
    String h = key(event(ex("E", "x", app("com.shop.Service$$EnhancerByGuice$$def456", "pay", 1))));
    assertThat(g).isEqualTo(h);
  }

  @Test
  void group_javassistHibernateByteBuddyProxies_normalised() {
    assertThat(key(event(ex("E", "x", app("com.shop.Order_$$_jvst3c1_0", "total", 1)))))
        .isEqualTo(key(event(ex("E", "x", app("com.shop.Order_$$_jvstab2_1f", "total", 1)))));
    assertThat(key(event(ex("E", "x", app("com.shop.Order$HibernateProxy$jWk3Ty9a", "total", 1)))))
        .isEqualTo(key(event(ex("E", "x", app("com.shop.Order$HibernateProxy$Zq81KLmn", "total", 1)))));
    assertThat(key(event(ex("E", "x", app("com.shop.Order$ByteBuddy$a1b2", "total", 1)))))
        .isEqualTo(key(event(ex("E", "x", app("com.shop.Order$ByteBuddy$z9y8", "total", 1)))));
  }

  @Test
  void group_jdkProxiesAndAccessors_normalised() throws Exception {
    ErrorEvent a = event(ex("E", "x", lib("jdk.proxy2.$Proxy12", "call", 1),
        lib("jdk.internal.reflect.GeneratedMethodAccessor123", "invoke", 1),
        lib("jdk.internal.reflect.GeneratedConstructorAccessor7", "newInstance", 1)));
    ErrorEvent b = event(ex("E", "x", lib("jdk.proxy3.$Proxy99", "call", 1),
        lib("jdk.internal.reflect.GeneratedMethodAccessor9", "invoke", 1),
        lib("jdk.internal.reflect.GeneratedConstructorAccessor31", "newInstance", 1)));
    assertThat(key(a)).isEqualTo(key(b));
    assertThat(key(a)).isEqualTo(md5("type:E\nframe:jdk.proxy<auto>.$Proxy<auto>#call\n"
        + "frame:jdk.internal.reflect.GeneratedMethodAccessor<auto>#invoke\n"
        + "frame:jdk.internal.reflect.GeneratedConstructorAccessor<auto>#newInstance"));
    assertThat(key(event(ex("E", "x", lib("com.sun.proxy.$Proxy12", "call", 1)))))
        .isEqualTo(key(event(ex("E", "x", lib("com.sun.proxy.$Proxy13", "call", 1)))));
  }

  @Test
  void group_lambdaFrames_ignored() {
    ErrorEvent a = event(ex("E", "x", app("com.shop.Api", "get", 1),
        app("com.shop.Api$$Lambda$123/0x0000000800c0b440", "apply", 1),
        app("com.shop.Api", "lambda$get$0", 7), app("com.shop.Repo", "find", 2)));
    ErrorEvent b = event(ex("E", "x", app("com.shop.Api", "get", 1),
        app("com.shop.Api$$Lambda/0x00007f3a1c0a2d48", "apply", 1),
        app("com.shop.Api", "lambda$get$3", 7), app("com.shop.Repo", "find", 2)));
    assertThat(key(a)).isEqualTo(key(b));
  }

  @Test
  void group_recursion_collapsed() {
    ErrorEvent shallow = event(ex("StackOverflowError", null, app("a.Tree", "walk", 1),
        app("a.Tree", "walk", 2)));
    ErrorEvent deep = event(ex("StackOverflowError", null, app("a.Tree", "walk", 1),
        app("a.Tree", "walk", 2), app("a.Tree", "walk", 2), app("a.Tree", "walk", 2)));
    assertThat(key(shallow)).isEqualTo(key(deep));
  }

  @Test
  void group_framesBelowThreadPoolWorker_dropped() {
    ErrorEvent a = event(ex("E", "x", lib("java.lang.Thread", "run", 1),
        lib("java.util.concurrent.ThreadPoolExecutor", "runWorker", 2),
        lib("com.lib.Task", "run", 3)));
    ErrorEvent b = event(ex("E", "x", lib("com.other.Runner", "loop", 9),
        lib("java.util.concurrent.ThreadPoolExecutor", "runWorker", 2),
        lib("com.lib.Task", "run", 3)));
    assertThat(key(a)).isEqualTo(key(b));
  }

  @Test
  void group_message_usesTemplateBeforeFormatted() throws Exception {
    ErrorEvent a = message("User {} not found", "User 42 not found");
    ErrorEvent b = message("User {} not found", "User 43 not found");
    assertThat(key(a)).isEqualTo(key(b)).isEqualTo(md5("message:User {} not found"));
    assertThat(engine.group(a).strategy()).isEqualTo(GroupingStrategy.MESSAGE);
  }

  @Test
  void group_messagesDifferingByIds_sameGroup() throws Exception {
    String k = key(message(null, "Order 123 for bob@example.com from 10.0.0.1 failed at 2026-11-22T04:10:00Z"));
    assertThat(key(message(null, "Order 99 for al@shop.io from 192.168.1.20 failed at 2025-01-02T00:00:00Z")))
        .isEqualTo(k);
    assertThat(k).isEqualTo(md5("message:Order <int> for <email> from <ip> failed at <date>"));
    assertThat(key(message(null, "Order 1 cancelled"))).isNotEqualTo(k);
  }

  @Test
  void group_messageMoreThanTwoLines_keepsFirstTwo() {
    assertThat(engine.group(message(null, "line one\n\nline 2\nline three")).components())
        .containsExactly("message:line one\\nline <int>...");
  }

  @Test
  void group_fingerprintWithoutDefault_replacesAlgorithm() throws Exception {
    ErrorEvent a = event(ex("E", "x", app("a.B", "c", 1))).toBuilder()
        .fingerprint(List.of("payments", "timeout")).build();
    ErrorEvent b = event(ex("Other", "y", app("z.Q", "r", 1))).toBuilder()
        .fingerprint(List.of("payments", "timeout")).build();
    assertThat(key(a)).isEqualTo(key(b)).isEqualTo(md5("fingerprint:payments\nfingerprint:timeout"));
    assertThat(engine.group(a).strategy()).isEqualTo(GroupingStrategy.FINGERPRINT);
  }

  @Test
  void group_fingerprintWithDefault_refinesDefaultGrouping() throws Exception {
    ErrorEvent base = event(ex("E", "x", app("a.B", "c", 1)));
    ErrorEvent a = base.toBuilder().fingerprint(List.of("{{ default }}", "tenant-1")).build();
    ErrorEvent b = base.toBuilder().fingerprint(List.of("{{default}}", "tenant-2")).build();
    assertThat(key(a)).isNotEqualTo(key(b));
    assertThat(key(a)).isEqualTo(md5("type:E\nframe:a.B#c\nfingerprint:tenant-1"));
    assertThat(engine.group(a).strategy()).isEqualTo(GroupingStrategy.APP_STACKTRACE);
  }

  @Test
  void group_fingerprintOnlyDefaultOrEmpty_isDefaultGrouping() {
    ErrorEvent base = event(ex("E", "x", app("a.B", "c", 1)));
    assertThat(key(base.toBuilder().fingerprint(List.of("{{ default }}")).build())).isEqualTo(key(base));
  }

  @Test
  void group_fingerprintVariables_expanded() throws Exception {
    ErrorEvent e = event(ex("SQLException", "deadlock", app("com.shop.Repo", "save", 3),
        lib("org.postgresql.Driver", "exec", 4))).toBuilder()
        .transaction("/checkout").logger("com.shop.Log").tag("region", "eu")
        .fingerprint(List.of("{{ type }}", "{{ function }}", "{{ module }}", "{{ transaction }}",
            "{{ tags.region }}", "{{ logger }}", "{{ level }}", "{{ error.value }}", "{{ message }}",
            "{{ tags.missing }}", "{{ nonsense }}"))
        .build();
    assertThat(engine.group(e).components()).containsExactly("fingerprint:SQLException",
        "fingerprint:save", "fingerprint:com.shop.Repo", "fingerprint:/checkout",
        "fingerprint:eu", "fingerprint:com.shop.Log", "fingerprint:error", "fingerprint:deadlock",
        "fingerprint:deadlock", "fingerprint:<no-tags-missing>", "fingerprint:{{ nonsense }}");
  }

  @Test
  void group_projectFingerprintRule_firstMatchWins() throws Exception {
    GroupingEngine withRules = GroupingEngine.create(GroupingConfig.defaults().withFingerprintRules(List.of(
        FingerprintRule.parse("error.type:*Timeout* stack.module:\"com.shop.pay*\" -> payments-timeout"),
        FingerprintRule.parse("error.type:*Timeout* -> any-timeout, {{ transaction }}"))));
    ErrorEvent pay = event(ex("SocketTimeoutException", "x", app("com.shop.payment.Client", "call", 1)));
    ErrorEvent other = event(ex("SocketTimeoutException", "x", app("com.shop.Other", "call", 1)))
        .toBuilder().transaction("/a").build();
    assertThat(withRules.group(pay).hash()).isEqualTo(md5("fingerprint:payments-timeout"));
    assertThat(withRules.group(other).hash()).isEqualTo(md5("fingerprint:any-timeout\nfingerprint:/a"));
    ErrorEvent own = pay.toBuilder().fingerprint(List.of("mine")).build();
    assertThat(withRules.group(own).hash()).isEqualTo(md5("fingerprint:mine"));
  }

  @Test
  void group_syntheticMechanism_ignoresType() throws Exception {
    ExceptionValue synthetic = new ExceptionValue("SyntheticError", "x",
        null, List.of(app("a.B", "c", 1)), "generic", true, null);
    assertThat(key(event(synthetic))).isEqualTo(md5("frame:a.B#c"));
  }

  @Test
  void group_noExceptionNoMessage_fallback() throws Exception {
    GroupingResult r = engine.group(ErrorEvent.builder().timestamp(Instant.EPOCH).build());
    assertThat(r.strategy()).isEqualTo(GroupingStrategy.FALLBACK);
    assertThat(r.hash()).isEqualTo(md5("fallback"));
  }

  @Test
  void group_causeWithoutAppFrames_contributesTypeAndValue() throws Exception {
    ErrorEvent e = event(ex("IOException", "disk 3 full", lib("java.io.File", "write", 1)),
        ex("RuntimeException", "wrap", app("a.B", "c", 1)));
    assertThat(key(e)).isEqualTo(md5("type:IOException\nvalue:disk <int> full\ntype:RuntimeException\nframe:a.B#c"));
  }

  @Test
  void group_fiftyFrameStack_stableAndFast() {
    List<StackFrame> frames = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      frames.add(i % 3 == 0 ? app("com.shop.L" + i, "m" + i, i) : lib("org.lib.L" + i, "m", i));
    }
    ErrorEvent e = event(new ExceptionValue("E", "x", null, frames, null, false, null));
    assertThat(key(e)).isEqualTo(key(e)).hasSize(32);
  }
}
