package dev.obskit.errors.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {
  private static ErrorEvent read(String json) throws MalformedEventException {
    return EventJson.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void read_sentryJavaShape_allFields() throws Exception {
    ErrorEvent e = read("{\"event_id\":\"B8B2F4A1-0000-4000-8000-00000000A016\",\"timestamp\":\"2026-11-22T02:08:52.249Z\","
        + "\"platform\":\"java\",\"release\":\"app@1.0\",\"environment\":\"test\",\"server_name\":\"h\","
        + "\"exception\":{\"values\":[{\"type\":\"IllegalStateException\",\"value\":\"inner cause\",\"module\":\"java.lang\","
        + "\"stacktrace\":{\"frames\":[{\"filename\":\"A.java\",\"function\":\"run\",\"module\":\"com.a.A\",\"lineno\":7,\"in_app\":true},"
        + "{\"function\":\"x\",\"module\":\"java.lang.Thread\",\"native\":false}]},\"mechanism\":{\"type\":\"chained\",\"exception_id\":1,\"parent_id\":0}},"
        + "{\"type\":\"RuntimeException\",\"value\":\"Order 123 failed\",\"mechanism\":{\"type\":\"chained\",\"exception_id\":0,\"handled\":true}}]},"
        + "\"fingerprint\":[],\"breadcrumbs\":[{\"timestamp\":1763777332.5,\"message\":\"m\",\"category\":\"c\",\"level\":\"warning\",\"data\":{\"k\":1}}],"
        + "\"user\":{},\"tags\":{\"t\":\"v\"},\"contexts\":{\"runtime\":{\"name\":\"OpenJDK\",\"version\":\"17\"}},\"unknown\":{\"deep\":[1,2]}}");
    assertThat(e.eventId()).isEqualTo("b8b2f4a100004000800000000000a016");
    assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-11-22T02:08:52.249Z"));
    assertThat(e.level()).isEqualTo(Level.ERROR);
    assertThat(e.exceptions()).hasSize(2);
    assertThat(e.exceptions().get(0).frames()).hasSize(2);
    assertThat(e.exceptions().get(0).frames().get(0)).isEqualTo(
        new StackFrame("com.a.A", "run", "A.java", null, 7, true));
    assertThat(e.exceptions().get(1).handled()).isTrue();
    assertThat(e.breadcrumbs().get(0).timestamp()).isEqualTo(Instant.ofEpochSecond(1763777332, 500_000_000));
    assertThat(e.breadcrumbs().get(0).level()).isEqualTo(Level.WARNING);
    assertThat(e.breadcrumbs().get(0).data()).containsEntry("k", "1");
    assertThat(e.user().isEmpty()).isTrue();
    assertThat(e.contexts()).containsKey("runtime");
    assertThat(e.title()).isEqualTo("RuntimeException: Order 123 failed");
  }

  @Test
  void read_alternativeShapes_messageStringTagsPairsFlatException() throws Exception {
    ErrorEvent e = read("{\"message\":\"plain text\",\"tags\":[[\"a\",\"1\"],[\"b\",2],[\"bad\"]],"
        + "\"exception\":[{\"type\":\"E\"}],\"breadcrumbs\":{\"values\":[{\"message\":\"x\"}]},\"level\":\"warn\"}");
    assertThat(e.logEntry().formatted()).isEqualTo("plain text");
    assertThat(e.tags()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    assertThat(e.exceptions()).extracting(ExceptionValue::type).containsExactly("E");
    assertThat(e.breadcrumbs()).hasSize(1);
    assertThat(e.level()).isEqualTo(Level.WARNING);
    assertThat(e.eventId()).isNull();
  }

  @Test
  void read_logentryTemplateAndParams() throws Exception {
    ErrorEvent e = read("{\"logentry\":{\"message\":\"User %s not found\",\"params\":[\"42\",7],\"formatted\":\"User 42 not found\"}}");
    assertThat(e.logEntry()).isEqualTo(new LogEntry("User %s not found", List.of("42", "7"), "User 42 not found"));
  }

  @Test
  void roundTrip_writeThenRead_equalContent() throws Exception {
    ErrorEvent e = ErrorEvent.builder().eventId("0123456789abcdef0123456789abcdef")
        .timestamp(Instant.parse("2026-11-22T04:00:00.123Z")).level(Level.FATAL).logger("com.a.Log")
        .transaction("/t").release("r@1").environment("prod").serverName("h").dist("d")
        .logEntry(new LogEntry("a {}", List.of("1"), "a 1")).tag("k", "v").user(new UserInfo("1", "a@b.c", "ann", "10.0.0.1"))
        .request(new RequestInfo("GET", "https://x/y", Map.of("Accept", "*/*")))
        .exceptions(List.of(new ExceptionValue("E", "v", "com.a", List.of(StackFrame.java("com.a.B", "c", "B.java", 3, true)),
            "generic", false, Boolean.FALSE)))
        .breadcrumbs(List.of(new Breadcrumb(Instant.parse("2026-11-22T03:00:00Z"), "http", "net", "GET /", Level.INFO, Map.of("s", "200"))))
        .fingerprint(List.of("{{ default }}", "x")).context("os", Map.of("name", "Linux")).build();
    ErrorEvent back = EventJson.read(EventJson.write(e));
    assertThat(EventJson.write(back)).isEqualTo(EventJson.write(e));
    assertThat(back.exceptions()).isEqualTo(e.exceptions());
    assertThat(back.breadcrumbs()).isEqualTo(e.breadcrumbs());
    assertThat(back.user()).isEqualTo(e.user());
    assertThat(back.fingerprint()).isEqualTo(e.fingerprint());
  }

  @Test
  void read_malformed_clearMessages() {
    assertThatThrownBy(() -> read("[1,2]")).isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("event must be a JSON object, got an array");
    assertThatThrownBy(() -> read("{\"event_id\":\"xyz\"}")).hasMessageContaining("event_id must be 32 hex characters");
    assertThatThrownBy(() -> read("{\"timestamp\":\"yesterday\"}")).hasMessageContaining("timestamp must be RFC 3339");
    assertThatThrownBy(() -> read("{\"exception\":{\"values\":[{\"type\":")).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> read("{\"exception\":\"oops\"}")).hasMessageContaining("exception must be an array");
    assertThatThrownBy(() -> read("{} trailing")).isInstanceOf(MalformedEventException.class);
    assertThatThrownBy(() -> read("")).hasMessageContaining("end of input");
    assertThatThrownBy(() -> read("{\"timestamp\":-5}")).hasMessageContaining("out of range");
  }

  @Test
  void read_hostileNesting_refused() {
    String deep = "{\"extra\":{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}}";
    assertThatThrownBy(() -> read(deep)).isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  void read_oversizedParts_truncatedToLimits() throws Exception {
    StringBuilder frames = new StringBuilder();
    for (int i = 0; i < 700; i++) {
      frames.append(i == 0 ? "" : ",").append("{\"module\":\"m").append(i).append("\",\"function\":\"f\"}");
    }
    StringBuilder crumbs = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      crumbs.append(i == 0 ? "" : ",").append("{\"message\":\"c").append(i).append("\"}");
    }
    ErrorEvent e = read("{\"message\":\"" + "x".repeat(10_000) + "\",\"tags\":{\"t\":\"" + "y".repeat(300) + "\"},"
        + "\"exception\":{\"values\":[{\"type\":\"E\",\"stacktrace\":{\"frames\":[" + frames + "]}}]},"
        + "\"breadcrumbs\":[" + crumbs + "]}");
    assertThat(e.logEntry().formatted()).hasSize(EventJson.MAX_MESSAGE_CHARS);
    assertThat(e.tags().get("t")).hasSize(EventJson.MAX_TAG_VALUE_CHARS);
    List<StackFrame> kept = e.mainException().frames();
    assertThat(kept).hasSize(EventJson.MAX_FRAMES);
    assertThat(kept.get(0).module()).isEqualTo("m0");
    assertThat(kept.get(kept.size() - 1).module()).isEqualTo("m699");
    assertThat(e.breadcrumbs()).hasSize(EventJson.MAX_BREADCRUMBS);
    assertThat(e.breadcrumbs().get(0).message()).isEqualTo("c50");
  }
}
