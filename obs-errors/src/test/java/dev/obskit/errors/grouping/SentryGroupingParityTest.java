package dev.obskit.errors.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.EventJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sentry's grouping rules (errors.md 3.2 and 3.3; sentry newstyle.py), each written from the rule,
 * with events shaped as sentry-java 8 sends them: frames carry {@code module} (the class),
 * {@code function} and {@code lineno}; only application frames carry {@code in_app: true};
 * {@code captureMessage} attaches the capturing thread (crashed, snapshot stack). Expected hashes
 * are MD5 of hand-written components.
 */
class SentryGroupingParityTest {
  private final GroupingEngine engine = GroupingEngine.create();

  static String md5(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
        .digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  /** A frame as sentry-java writes it; {@code app} adds {@code "in_app":true}. */
  static String frame(String module, String function, int line, boolean app) {
    return "{\"filename\":\"" + module.substring(module.lastIndexOf('.') + 1) + ".java\",\"module\":\""
        + module + "\",\"function\":\"" + function + "\",\"lineno\":" + line
        + (app ? ",\"in_app\":true" : "") + "}";
  }

  static String exceptionEvent(String type, String value, String... frames) {
    return "{\"platform\":\"java\",\"exception\":{\"values\":[{\"type\":\"" + type + "\",\"value\":\""
        + value + "\",\"module\":\"java.lang\",\"stacktrace\":{\"frames\":[" + String.join(",", frames)
        + "]},\"mechanism\":{\"type\":\"chained\",\"exception_id\":0}}]},\"fingerprint\":[],\"user\":{}}";
  }

  /** What captureMessage sends with attachStacktrace on (its default). */
  static String messageEvent(String message, String... frames) {
    return "{\"platform\":\"java\",\"level\":\"info\",\"message\":{\"formatted\":\"" + message + "\"},"
        + "\"threads\":{\"values\":[{\"id\":1,\"name\":\"main\",\"state\":\"RUNNABLE\",\"crashed\":true,"
        + "\"current\":true,\"daemon\":false,\"main\":true,\"stacktrace\":{\"frames\":["
        + String.join(",", frames) + "],\"snapshot\":true}}]},\"fingerprint\":[],\"user\":{}}";
  }

  GroupingResult group(String json) throws Exception {
    return engine.group(EventJson.read(json.getBytes(StandardCharsets.UTF_8)));
  }

  String hash(String json) throws Exception {
    return group(json).hash();
  }

  private static final String THREAD = frame("java.lang.Thread", "run", 840, false);
  private static final String CHECKOUT = frame("com.shop.Checkout", "submit", 31, true);
  private static final String USERS = frame("com.shop.Users", "find", 12, true);
  private static final String ORDERS = frame("com.shop.Orders", "load", 40, true);

  // --- a stack beats the message

  @Test
  void messageWithStack_groupsByTheStack_notTheText() throws Exception {
    String a = hash(messageEvent("User 42 not found", THREAD, CHECKOUT, USERS));
    String b = hash(messageEvent("Cache for tenant acme is cold", THREAD, CHECKOUT, USERS));
    assertThat(a).isEqualTo(b)
        .isEqualTo(md5("frame:com.shop.Checkout#submit\nframe:com.shop.Users#find"));
    assertThat(group(messageEvent("x", THREAD, CHECKOUT, USERS)).strategy())
        .isEqualTo(GroupingStrategy.APP_STACKTRACE);
  }

  @Test
  void sameMessage_fromDifferentCallSites_twoGroups() throws Exception {
    String a = hash(messageEvent("User 42 not found", THREAD, CHECKOUT, USERS));
    String b = hash(messageEvent("User 42 not found", THREAD, ORDERS, USERS));
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void messageWithoutAnyStack_groupsByParameterisedText() throws Exception {
    String a = hash("{\"message\":{\"formatted\":\"User 42 not found\"}}");
    assertThat(a).isEqualTo(md5("message:User <int> not found"));
  }

  @Test
  void messageWhoseStackHasNoGroupableFrame_fallsBackToTheText() throws Exception {
    String reflectOnly = frame("java.lang.reflect.Method", "invoke", 1, false);
    assertThat(hash(messageEvent("User 42 not found", reflectOnly)))
        .isEqualTo(md5("message:User <int> not found"));
  }

  // --- recursion: only identical consecutive frames collapse

  @Test
  void identicalConsecutiveFrames_collapse() throws Exception {
    String rec = frame("com.shop.Tree", "walk", 20, true);
    String once = hash(exceptionEvent("StackOverflowError", "x", THREAD, rec));
    String thrice = hash(exceptionEvent("StackOverflowError", "x", THREAD, rec, rec, rec));
    assertThat(thrice).isEqualTo(once)
        .isEqualTo(md5("type:StackOverflowError\nframe:com.shop.Tree#walk"));
  }

  @Test
  void sameFunctionOnDifferentLines_doNotCollapse() throws Exception {
    String a = hash(exceptionEvent("E", "x", THREAD, frame("com.shop.Tree", "walk", 20, true),
        frame("com.shop.Tree", "walk", 25, true)));
    String b = hash(exceptionEvent("E", "x", THREAD, frame("com.shop.Tree", "walk", 20, true)));
    assertThat(a).isNotEqualTo(b)
        .isEqualTo(md5("type:E\nframe:com.shop.Tree#walk\nframe:com.shop.Tree#walk"));
  }

  // --- lambdas

  @Test
  void lambdaBody_functionIgnored_moduleStillContributes() throws Exception {
    String a = hash(exceptionEvent("E", "x", THREAD, frame("com.shop.Orders", "lambda$place$0", 7, true), USERS));
    String b = hash(exceptionEvent("E", "x", THREAD, frame("com.shop.Orders", "lambda$place$3", 7, true), USERS));
    String other = hash(exceptionEvent("E", "x", THREAD, frame("com.shop.Carts", "lambda$place$0", 7, true), USERS));
    assertThat(a).isEqualTo(b).isEqualTo(md5("type:E\nframe:com.shop.Orders#\nframe:com.shop.Users#find"));
    assertThat(other).isNotEqualTo(a);
  }

  @Test
  void lambdaClass_moduleIgnored_functionStillContributes() throws Exception {
    String a = hash(exceptionEvent("E", "x", THREAD,
        frame("com.shop.Api$$Lambda$123/0x0000000800c0b440", "apply", 1, true), USERS));
    String b = hash(exceptionEvent("E", "x", THREAD,
        frame("com.shop.Api$$Lambda$77/0x00007f3a1c0a2d48", "apply", 1, true), USERS));
    String other = hash(exceptionEvent("E", "x", THREAD,
        frame("com.shop.Api$$Lambda$123/0x0000000800c0b440", "accept", 1, true), USERS));
    assertThat(a).isEqualTo(b).isEqualTo(md5("type:E\nframe:#apply\nframe:com.shop.Users#find"));
    assertThat(other).isNotEqualTo(a);
  }

  // --- generated-class markers

  @Test
  void generatedClasses_suffixNormalised_markerKept() throws Exception {
    String enhancer = hash(exceptionEvent("E", "x", THREAD, frame("com.shop.Service$$EnhancerByGuice$$1a2b3c", "pay", 1, true)));
    String enhancer2 = hash(exceptionEvent("E", "x", THREAD, frame("com.shop.Service$$EnhancerByGuice$$9f8e7d", "pay", 1, true)));
    String fastClass = hash(exceptionEvent("E", "x", THREAD, frame("com.shop.Service$$FastClassByGuice$$1a2b3c", "pay", 1, true)));
    String spring = hash(exceptionEvent("E", "x", THREAD, frame("com.shop.Service$$EnhancerBySpringCGLIB$$77aa", "pay", 1, true)));
    assertThat(enhancer).isEqualTo(enhancer2)
        .isEqualTo(md5("type:E\nframe:com.shop.Service$$EnhancerByGuice$$<auto>#pay"));
    assertThat(fastClass).isEqualTo(md5("type:E\nframe:com.shop.Service$$FastClassByGuice$$<auto>#pay"));
    assertThat(spring).isEqualTo(md5("type:E\nframe:com.shop.Service$$EnhancerBySpringCGLIB$$<auto>#pay"));
  }

  // --- the event-level stacktrace interface

  @Test
  void topLevelStacktrace_isReadAndGroupsTheEvent() throws Exception {
    String a = hash("{\"message\":\"boom\",\"stacktrace\":{\"frames\":[" + THREAD + "," + USERS + "]}}");
    String b = hash("{\"message\":\"boom\",\"stacktrace\":{\"frames\":[" + THREAD + "," + ORDERS + "]}}");
    assertThat(a).isEqualTo(md5("frame:com.shop.Users#find"));
    assertThat(b).isEqualTo(md5("frame:com.shop.Orders#load"));
  }

  @Test
  void topLevelStacktrace_standsInForAFramelessException() throws Exception {
    String json = "{\"exception\":{\"values\":[{\"type\":\"E\",\"value\":\"order 7 failed\"}]},"
        + "\"stacktrace\":{\"frames\":[" + THREAD + "," + USERS + "]}}";
    assertThat(hash(json)).isEqualTo(md5("type:E\nframe:com.shop.Users#find"));
  }

  @Test
  void topLevelStacktrace_survivesTheWriter() throws Exception {
    ErrorEvent e = EventJson.read(("{\"message\":\"boom\",\"stacktrace\":{\"frames\":[" + USERS + "]}}")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(EventJson.read(EventJson.write(e)).stacktrace()).isEqualTo(e.stacktrace()).hasSize(1);
  }

  // --- versions: the previous rules stay available as the secondary hash

  @Test
  void defaults_carryThePreviousRulesAsSecondaryHashes() throws Exception {
    GroupingResult r = group(messageEvent("User 42 not found", THREAD, CHECKOUT, USERS));
    assertThat(r.configVersion()).isEqualTo(GroupingConfig.DEFAULT_VERSION);
    List<String> hashes = r.hashes();
    // Primary (app), system (all frames), then the previous rules' message hash.
    assertThat(hashes).containsExactly(
        md5("frame:com.shop.Checkout#submit\nframe:com.shop.Users#find"),
        md5("frame:java.lang.Thread#run\nframe:com.shop.Checkout#submit\nframe:com.shop.Users#find"),
        md5("message:User <int> not found"));
    assertThat(r.variants().get(2).name()).isEqualTo(GroupingConfig.LEGACY_VERSION + ":message");
    assertThat(r.variants().get(2).secondary()).isTrue();
    assertThat(r.linkableHashes()).containsExactly(hashes.get(0), hashes.get(1));
  }
}
