package dev.obskit.errors.grouping;

import static dev.obskit.errors.grouping.GroupingEngineTest.md5;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.EventJson;
import dev.obskit.errors.event.ThreadInfo;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Exceptions without a stack borrow the representative thread's stack; hand-written event JSON. */
class ThreadStackGroupingTest {
  private static final String PLACE_FRAMES = "{\"frames\":["
      + "{\"module\":\"java.lang.Thread\",\"function\":\"run\",\"lineno\":833},"
      + "{\"module\":\"com.shop.Orders\",\"function\":\"place\",\"lineno\":41,\"in_app\":true}]}";
  private static final String OTHER_FRAMES = "{\"frames\":["
      + "{\"module\":\"com.shop.Poller\",\"function\":\"poll\",\"lineno\":7,\"in_app\":true}]}";

  private final GroupingEngine engine = GroupingEngine.create();

  private static ErrorEvent read(String json) throws Exception {
    return EventJson.read(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String exceptionWithoutStack(String value, String threads) {
    return "{\"event_id\":\"0123456789abcdef0123456789abcdef\",\"platform\":\"java\","
        + "\"exception\":{\"values\":[{\"type\":\"NullPointerException\",\"value\":\"" + value
        + "\",\"module\":\"java.lang\"}]},\"threads\":" + threads + "}";
  }

  @Test
  void group_exceptionWithoutStack_usesTheCrashedThreadsFrames() throws Exception {
    String threads = "{\"values\":[{\"id\":1,\"name\":\"main\",\"crashed\":true,\"current\":true,"
        + "\"stacktrace\":" + PLACE_FRAMES + "},{\"id\":2,\"name\":\"poller\",\"stacktrace\":"
        + OTHER_FRAMES + "}]}";
    GroupingResult r = engine.group(read(exceptionWithoutStack("order 17 is null", threads)));
    assertThat(r.strategy()).isEqualTo(GroupingStrategy.APP_STACKTRACE);
    assertThat(r.hashes()).containsExactly(
        md5("type:NullPointerException\nframe:com.shop.Orders#place"),
        md5("type:NullPointerException\nframe:java.lang.Thread#run\nframe:com.shop.Orders#place"));

    // The same stack sent on the exception groups identically; the message no longer matters.
    String onException = "{\"exception\":{\"values\":[{\"type\":\"NullPointerException\","
        + "\"value\":\"something else\",\"stacktrace\":" + PLACE_FRAMES + "}]}}";
    assertThat(engine.group(read(onException)).hashes()).isEqualTo(r.hashes());
  }

  @Test
  void group_noCrashedThread_usesTheOnlyCurrentThread() throws Exception {
    String threads = "[{\"id\":\"7\",\"current\":true,\"stacktrace\":" + PLACE_FRAMES + "},"
        + "{\"id\":\"8\",\"stacktrace\":" + OTHER_FRAMES + "}]";
    assertThat(engine.group(read(exceptionWithoutStack("x", threads))).hash())
        .isEqualTo(md5("type:NullPointerException\nframe:com.shop.Orders#place"));
  }

  @Test
  void group_twoCrashedThreads_noRepresentative_groupsByTypeAndValue() throws Exception {
    String threads = "{\"values\":[{\"crashed\":true,\"stacktrace\":" + PLACE_FRAMES + "},"
        + "{\"crashed\":true,\"stacktrace\":" + OTHER_FRAMES + "}]}";
    GroupingResult r = engine.group(read(exceptionWithoutStack("order 17 is null", threads)));
    assertThat(r.strategy()).isEqualTo(GroupingStrategy.EXCEPTION_VALUE);
    assertThat(r.hash()).isEqualTo(md5("type:NullPointerException\nvalue:order <int> is null"));
  }

  @Test
  void group_twoPlainThreads_noRepresentative() throws Exception {
    String threads = "[{\"stacktrace\":" + PLACE_FRAMES + "},{\"stacktrace\":" + OTHER_FRAMES + "}]";
    ErrorEvent e = read(exceptionWithoutStack("x", threads));
    assertThat(ThreadInfo.representative(e.threads())).isNull();
    assertThat(engine.group(e).strategy()).isEqualTo(GroupingStrategy.EXCEPTION_VALUE);
  }

  @Test
  void group_exceptionWithItsOwnStack_ignoresThreads() throws Exception {
    String json = "{\"exception\":{\"values\":[{\"type\":\"E\",\"stacktrace\":" + OTHER_FRAMES
        + "}]},\"threads\":{\"values\":[{\"crashed\":true,\"stacktrace\":" + PLACE_FRAMES + "}]}}";
    assertThat(engine.group(read(json)).hash()).isEqualTo(md5("type:E\nframe:com.shop.Poller#poll"));
  }

  @Test
  void group_messageWithThreadStack_groupsByTheStack() throws Exception {
    // What sentry-java sends for captureMessage: the capturing thread, crashed and snapshot.
    String json = "{\"message\":{\"formatted\":\"User 42 not found\"},\"level\":\"info\","
        + "\"threads\":{\"values\":[{\"id\":1,\"name\":\"main\",\"crashed\":true,\"current\":true,"
        + "\"stacktrace\":{\"frames\":[{\"module\":\"com.shop.Users\",\"function\":\"find\"}],"
        + "\"snapshot\":true}}]}}";
    ErrorEvent e = read(json);
    assertThat(e.threads()).hasSize(1);
    assertThat(e.threads().get(0).name()).isEqualTo("main");
    // A stack beats the message (Sentry: threads 1900 > message 0); no frame is in-app.
    assertThat(engine.group(e).hash()).isEqualTo(md5("frame:com.shop.Users#find"));
  }

  @Test
  void threads_roundTripThroughWriter() throws Exception {
    String threads = "{\"values\":[{\"id\":1,\"name\":\"main\",\"crashed\":true,"
        + "\"stacktrace\":" + PLACE_FRAMES + "}]}";
    ErrorEvent e = read(exceptionWithoutStack("x", threads));
    ErrorEvent back = EventJson.read(EventJson.write(e));
    assertThat(back.threads()).isEqualTo(e.threads());
    assertThat(engine.group(back).hashes()).isEqualTo(engine.group(e).hashes());
  }

  @Test
  void read_manyThreads_keepsFramesOnlyWhereTheyCanStandForTheEvent() throws Exception {
    String threads = "[{\"id\":1,\"stacktrace\":" + OTHER_FRAMES + "},{\"id\":2,\"stacktrace\":"
        + OTHER_FRAMES + "},{\"id\":3,\"crashed\":true,\"stacktrace\":" + PLACE_FRAMES + "}]";
    ErrorEvent e = read(exceptionWithoutStack("x", threads));
    assertThat(e.threads()).extracting(ThreadInfo::id).containsExactly("1", "2", "3");
    assertThat(e.threads()).extracting(t -> t.frames().size()).containsExactly(0, 0, 2);
    assertThat(engine.group(e).hash())
        .isEqualTo(md5("type:NullPointerException\nframe:com.shop.Orders#place"));
  }

  @Test
  void group_fingerprintStackVariables_readTheThreadsCrashingFrame() throws Exception {
    String threads = "[{\"crashed\":true,\"stacktrace\":" + PLACE_FRAMES + "}]";
    ErrorEvent e = read(exceptionWithoutStack("x", threads)).toBuilder()
        .fingerprint(java.util.List.of("{{ stack.module }}", "{{ stack.function }}")).build();
    assertThat(engine.group(e).hash())
        .isEqualTo(md5("fingerprint:com.shop.Orders\nfingerprint:place"));
  }
}
