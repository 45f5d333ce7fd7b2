package dev.obskit.errors.issue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.store.PageRequest;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.ProjectConfig;
import dev.obskit.errors.TestKits;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.ExceptionValue;
import dev.obskit.errors.event.StackFrame;
import dev.obskit.errors.grouping.GroupingConfig;
import dev.obskit.errors.grouping.GroupingEngine;
import dev.obskit.errors.grouping.GroupingResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An event joins the issue of any of its hashes, and the issue keeps every hash it was created with,
 * found through, or seen with during its first 64 events
 * (errors.md 3.1 step 5 and 5.6). Expected hashes are MD5 of hand-written components.
 */
class IssueHashMatchingTest {
  private static final StackFrame THREAD = lib("java.lang.Thread", "run");
  private static final StackFrame VALVE = lib("org.apache.catalina.Valve", "invoke");
  private static final StackFrame FILTER = lib("org.apache.catalina.Filter", "doFilter");
  private static final StackFrame CLIENT_APP = app("com.shop.client.Gateway", "charge");
  private static final StackFrame CLIENT_LIB = lib("com.shop.client.Gateway", "charge");
  private static final StackFrame ORDERS = app("com.shop.Orders", "place");

  private ObsKit kit;
  private ErrorsModule errors;

  @BeforeEach
  void setUp() {
    kit = TestKits.kit(ManualClock.startingAt(TestKits.START), TestKits.project().build());
    errors = kit.module(ErrorsModule.class);
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  private static StackFrame app(String module, String function) {
    return StackFrame.java(module, function, null, 10, true);
  }

  private static StackFrame lib(String module, String function) {
    return StackFrame.java(module, function, null, 10, null);
  }

  private static ErrorEvent event(StackFrame... frames) {
    return ErrorEvent.builder().timestamp(TestKits.START).exceptions(List.of(new ExceptionValue(
        "PaymentException", "card 4242 declined", "com.shop", List.of(frames), null, false, null)))
        .build();
  }

  private static String md5(String text) throws Exception {
    return HexFormat.of().formatHex(
        MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private Issue send(ErrorEvent e) {
    ProjectConfig project = errors.projects().find(TestKits.PROJECT).orElseThrow();
    return errors.processor().process(project, e).update().issue();
  }

  private List<Issue> issues() {
    return errors.issues().list(TestKits.TEAM, TestKits.PROJECT, PageRequest.first()).items();
  }

  @Test
  void record_newInAppHashButKnownSystemHash_joinsExistingIssueAndLinksTheNewHash() throws Exception {
    String appA = md5("type:PaymentException\nframe:com.shop.Orders#place");
    String system = md5("type:PaymentException\nframe:java.lang.Thread#run\n"
        + "frame:org.apache.catalina.Valve#invoke\nframe:com.shop.Orders#place\n"
        + "frame:com.shop.client.Gateway#charge");
    String appB = md5("type:PaymentException\nframe:com.shop.Orders#place\n"
        + "frame:com.shop.client.Gateway#charge");

    Issue a = send(event(THREAD, VALVE, ORDERS, CLIENT_LIB));
    assertThat(a.groupHash()).isEqualTo(appA);
    assertThat(errors.issues().hashes(TestKits.TEAM, a.id())).containsExactly(appA, system);

    // The gateway package became in-app: a new app hash, the same full stack.
    Issue b = send(event(THREAD, VALVE, ORDERS, CLIENT_APP));
    assertThat(b.id()).isEqualTo(a.id());
    assertThat(b.count()).isEqualTo(2);
    assertThat(b.groupHash()).isEqualTo(appA);
    assertThat(b.groupingConfig()).isEqualTo(GroupingConfig.DEFAULT_VERSION);
    assertThat(errors.issues().hashes(TestKits.TEAM, a.id())).containsExactly(appA, system, appB);
    assertThat(issues()).hasSize(1);
  }

  @Test
  void record_afterAnIssuesFirst64Events_repeatsNoLongerLinkTheirSystemHash() throws Exception {
    Issue a = null;
    for (int i = 0; i < 64; i++) {
      a = send(event(THREAD, VALVE, ORDERS));
    }
    assertThat(a.count()).isEqualTo(64);
    Issue late = send(event(THREAD, FILTER, ORDERS));
    assertThat(late.id()).isEqualTo(a.id());
    assertThat(late.count()).isEqualTo(65);
    // The app hash and the VALVE path's system hash only: the 65th event's path is not linked.
    assertThat(errors.issues().hashes(TestKits.TEAM, a.id())).hasSize(2);
  }

  @Test
  void record_sameInAppFramesDifferentLibraryPath_joinsByAppHashAndKeepsBothSystemHashes()
      throws Exception {
    Issue a = send(event(THREAD, VALVE, ORDERS));
    Issue b = send(event(THREAD, FILTER, ORDERS));
    assertThat(b.id()).isEqualTo(a.id());
    String filterSystem = md5("type:PaymentException\nframe:java.lang.Thread#run\n"
        + "frame:org.apache.catalina.Filter#doFilter\nframe:com.shop.Orders#place");
    assertThat(errors.issues().hashes(TestKits.TEAM, a.id())).hasSize(3).endsWith(filterSystem);

    // An SDK that marks nothing in-app sends the filter path: found by the second system hash.
    Issue c = send(event(THREAD, FILTER, lib("com.shop.Orders", "place")));
    assertThat(c.id()).isEqualTo(a.id());
    assertThat(c.count()).isEqualTo(3);
    assertThat(issues()).hasSize(1);
  }

  @Test
  void record_noHashKnown_createsNewIssue() {
    Issue a = send(event(THREAD, VALVE, ORDERS));
    Issue other = send(event(THREAD, VALVE, app("com.shop.Refunds", "issue")));
    assertThat(other.id()).isNotEqualTo(a.id());
    assertThat(issues()).hasSize(2);
  }

  @Test
  void record_hashesOfTwoIssues_joinsTheFirstMatchAndLeavesTheOtherIssuesHash() throws Exception {
    // Issue X knows the app hash of [Orders#place]; issue Y was created by the bare system stack.
    Issue x = send(event(VALVE, ORDERS));
    Issue y = send(event(THREAD, FILTER, lib("com.shop.Orders", "place")));
    assertThat(y.id()).isNotEqualTo(x.id());
    String ySystem = md5("type:PaymentException\nframe:java.lang.Thread#run\n"
        + "frame:org.apache.catalina.Filter#doFilter\nframe:com.shop.Orders#place");
    assertThat(y.groupHash()).isEqualTo(ySystem);

    // App hash matches X, system hash matches Y: the app (primary) hash wins; Y keeps its hash.
    Issue z = send(event(THREAD, FILTER, ORDERS));
    assertThat(z.id()).isEqualTo(x.id());
    assertThat(errors.issues().hashes(TestKits.TEAM, x.id())).doesNotContain(ySystem);
    assertThat(errors.issues().hashes(TestKits.TEAM, y.id())).containsExactly(ySystem);
    assertThat(errors.issues().find(TestKits.TEAM, y.id()).orElseThrow().count()).isEqualTo(1);
  }

  @Test
  void record_groupingRulesChangeWhatIsInApp_systemHashKeepsTheIssueAndItsConfigVersion()
      throws Exception {
    Issue a = send(event(THREAD, VALVE, ORDERS, CLIENT_APP));
    // Version 2 of the rules treats the gateway client as a framework: a different app hash.
    List<String> framework = new ArrayList<>(GroupingConfig.DEFAULT_FRAMEWORK_PREFIXES);
    framework.add("com.shop.client.");
    GroupingEngine v2 = GroupingEngine.create(
        new GroupingConfig("obskit-java:v2", framework, GroupingConfig.DEFAULT_UNGROUPED_PREFIXES,
            List.of()));
    ErrorEvent b = event(THREAD, VALVE, ORDERS, CLIENT_APP);
    GroupingResult g = v2.group(b);
    assertThat(g.hash()).isEqualTo(md5("type:PaymentException\nframe:com.shop.Orders#place"))
        .isNotEqualTo(a.groupHash());
    assertThat(g.configVersion()).isEqualTo("obskit-java:v2");

    ProjectConfig project = errors.projects().find(TestKits.PROJECT).orElseThrow();
    IssueUpdate update = errors.issues().record(project, b, g);
    assertThat(update.issue().id()).isEqualTo(a.id());
    assertThat(update.outcome()).isEqualTo(IssueOutcome.COUNTED);
    assertThat(update.issue().groupingConfig()).isEqualTo(GroupingConfig.DEFAULT_VERSION);
    assertThat(errors.issues().hashes(TestKits.TEAM, a.id())).endsWith(g.hash());
  }

  /** What captureMessage sends: the message and the capturing thread's stack. */
  private static ErrorEvent messageWithStack(String text, StackFrame... frames) {
    return ErrorEvent.builder().timestamp(TestKits.START).level(dev.obskit.errors.event.Level.INFO)
        .logEntry(dev.obskit.errors.event.LogEntry.formatted(text))
        .threads(List.of(new dev.obskit.errors.event.ThreadInfo("1", "main", true, true,
            List.of(frames))))
        .build();
  }

  private Issue createdUnderPreviousRules(ProjectConfig project) {
    GroupingEngine before = GroupingEngine.create(GroupingConfig.defaults()
        .withVersions(GroupingConfig.LEGACY_VERSION, null));
    ErrorEvent first = messageWithStack("User 42 not found", THREAD, ORDERS);
    return errors.issues().record(project, first, before.group(first)).issue();
  }

  @Test
  void upgrade_toRulesThatRegroupMessages_existingIssueKeepsItsEvents_viaSecondaryHash() {
    ProjectConfig project = errors.projects().find(TestKits.PROJECT).orElseThrow();
    Issue created = createdUnderPreviousRules(project);
    assertThat(created.groupingConfig()).isEqualTo(GroupingConfig.LEGACY_VERSION);

    // The upgrade: message events with a stack now group by the stack, a new primary hash.
    GroupingEngine after = GroupingEngine.create(GroupingConfig.defaults());
    ErrorEvent second = messageWithStack("User 43 not found", THREAD, ORDERS);
    GroupingResult g = after.group(second);
    assertThat(g.hash()).isNotEqualTo(created.groupHash());
    IssueUpdate update = errors.issues().record(project, second, g);
    assertThat(update.issue().id()).isEqualTo(created.id());
    assertThat(update.issue().count()).isEqualTo(2);
    assertThat(update.issue().groupingConfig()).isEqualTo(GroupingConfig.LEGACY_VERSION);
    assertThat(errors.issues().hashes(TestKits.TEAM, created.id())).contains(g.hash());

    // An issue created under the new rules never claims its previous-rules (message) hash, so
    // another call site with the same text stays apart from it.
    ErrorEvent fresh = messageWithStack("Cart 9 expired", THREAD, CLIENT_APP);
    GroupingResult freshGrouping = after.group(fresh);
    Issue freshIssue = errors.issues().record(project, fresh, freshGrouping).issue();
    assertThat(errors.issues().hashes(TestKits.TEAM, freshIssue.id()))
        .doesNotContain(freshGrouping.hashes().get(freshGrouping.hashes().size() - 1))
        .containsExactlyElementsOf(freshGrouping.linkableHashes());
    ErrorEvent sameText = messageWithStack("Cart 9 expired", THREAD, ORDERS);
    assertThat(errors.issues().record(project, sameText, after.group(sameText)).issue().id())
        .isNotEqualTo(freshIssue.id());

    // Later events are found by the new primary hash directly, also with the transition over.
    GroupingEngine later = GroupingEngine.create(GroupingConfig.defaults()
        .withVersions(GroupingConfig.DEFAULT_VERSION, null));
    ErrorEvent third = messageWithStack("User 44 not found", THREAD, ORDERS);
    assertThat(errors.issues().record(project, third, later.group(third)).issue().id())
        .isEqualTo(created.id());
  }

  @Test
  void upgrade_withoutSecondaryHashing_wouldSplitTheIssue() {
    ProjectConfig project = errors.projects().find(TestKits.PROJECT).orElseThrow();
    Issue created = createdUnderPreviousRules(project);
    GroupingEngine noTransition = GroupingEngine.create(GroupingConfig.defaults()
        .withVersions(GroupingConfig.DEFAULT_VERSION, null));
    ErrorEvent second = messageWithStack("User 43 not found", THREAD, ORDERS);
    assertThat(errors.issues().record(project, second, noTransition.group(second)).issue().id())
        .isNotEqualTo(created.id());
  }
}
