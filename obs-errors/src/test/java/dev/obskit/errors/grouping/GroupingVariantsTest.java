package dev.obskit.errors.grouping;

import static dev.obskit.errors.grouping.GroupingEngineTest.app;
import static dev.obskit.errors.grouping.GroupingEngineTest.event;
import static dev.obskit.errors.grouping.GroupingEngineTest.ex;
import static dev.obskit.errors.grouping.GroupingEngineTest.lib;
import static dev.obskit.errors.grouping.GroupingEngineTest.md5;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.errors.event.ErrorEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The app and system variants, with expected hashes written out from the documented components. */
class GroupingVariantsTest {
  private final GroupingEngine engine = GroupingEngine.create();

  @Test
  void group_appAndLibraryFrames_carriesAppThenSystemVariant() throws Exception {
    ErrorEvent e = event(ex("IllegalStateException", "boom",
        lib("java.lang.Thread", "run", 1), lib("org.apache.catalina.Valve", "invoke", 2),
        app("com.shop.Orders", "place", 3), lib("com.zaxxer.hikari.Pool", "get", 4)));
    GroupingResult r = engine.group(e);
    String app = md5("type:IllegalStateException\nframe:com.shop.Orders#place");
    String system = md5("type:IllegalStateException\nframe:java.lang.Thread#run\n"
        + "frame:org.apache.catalina.Valve#invoke\nframe:com.shop.Orders#place\n"
        + "frame:com.zaxxer.hikari.Pool#get");
    assertThat(r.hash()).isEqualTo(app);
    assertThat(r.variants()).containsExactly(new GroupingVariant("app", app),
        new GroupingVariant("system", system));
    assertThat(r.hashes()).containsExactly(app, system);
    assertThat(r.componentText()).isEqualTo("type:IllegalStateException\nframe:com.shop.Orders#place");
  }

  @Test
  void group_sameStackWithoutInAppFlags_primaryIsTheOtherEventsSystemHash() {
    ErrorEvent flagged = event(ex("E", "x", lib("java.lang.Thread", "run", 1),
        app("com.shop.Orders", "place", 2)));
    ErrorEvent unflagged = event(ex("E", "x", lib("java.lang.Thread", "run", 1),
        lib("com.shop.Orders", "place", 2)));
    GroupingResult u = engine.group(unflagged);
    assertThat(u.strategy()).isEqualTo(GroupingStrategy.SYSTEM_STACKTRACE);
    assertThat(u.variants()).extracting(GroupingVariant::name).containsExactly("system");
    assertThat(u.hash()).isEqualTo(engine.group(flagged).variants().get(1).hash());
  }

  @Test
  void group_onlyInAppFramesContribute_noSecondVariant() throws Exception {
    ErrorEvent e = event(ex("E", "x", app("com.shop.A", "a", 1),
        lib("java.lang.reflect.Method", "invoke", 2), app("com.shop.B", "b", 3)));
    GroupingResult r = engine.group(e);
    assertThat(r.variants()).containsExactly(
        new GroupingVariant("app", md5("type:E\nframe:com.shop.A#a\nframe:com.shop.B#b")));
  }

  @Test
  void group_messageAndValueEvents_singleVariantNamedByStrategy() throws Exception {
    assertThat(engine.group(GroupingEngineTest.message("User {} not found", null)).variants())
        .containsExactly(new GroupingVariant("message", md5("message:User {} not found")));
    assertThat(engine.group(event(ex("E", "disk 3 full"))).variants())
        .containsExactly(new GroupingVariant("exception", md5("type:E\nvalue:disk <int> full")));
  }

  @Test
  void group_fingerprintWithDefault_bothVariantsCarryTheFingerprint() throws Exception {
    ErrorEvent e = event(ex("E", "x", lib("java.lang.Thread", "run", 1), app("a.B", "c", 2)))
        .toBuilder().fingerprint(List.of("{{ default }}", "tenant-1")).build();
    GroupingResult r = engine.group(e);
    assertThat(r.hashes()).containsExactly(
        md5("type:E\nframe:a.B#c\nfingerprint:tenant-1"),
        md5("type:E\nframe:java.lang.Thread#run\nframe:a.B#c\nfingerprint:tenant-1"));
  }

  @Test
  void group_customFingerprint_singleVariant() throws Exception {
    ErrorEvent e = event(ex("E", "x", lib("java.lang.Thread", "run", 1), app("a.B", "c", 2)))
        .toBuilder().fingerprint(List.of("payments")).build();
    assertThat(engine.group(e).variants())
        .containsExactly(new GroupingVariant("custom-fingerprint", md5("fingerprint:payments")));
  }
}
