package dev.obskit.errors.issue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.alert.AlertEvent;
import dev.obskit.core.alert.AlertRecord;
import dev.obskit.core.time.ManualClock;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.ProjectConfig;
import dev.obskit.errors.TestKits;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.ExceptionValue;
import dev.obskit.errors.event.StackFrame;
import dev.obskit.errors.event.UserInfo;
import dev.obskit.errors.grouping.GroupingConfig;
import dev.obskit.errors.release.Release;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IssueLifecycleTest {
  private final ManualClock clock = ManualClock.startingAt(TestKits.START);
  private ObsKit kit;
  private ErrorsModule errors;
  private final List<AlertEvent> alerts = new CopyOnWriteArrayList<>();
  private final List<UsageEvent> usage = new CopyOnWriteArrayList<>();

  private void start(ProjectConfig project) {
    kit = TestKits.kit(clock, project);
    errors = kit.module(ErrorsModule.class);
    kit.context().eventBus().subscribe(AlertEvent.class, alerts::add);
    kit.context().eventBus().subscribe(UsageEvent.class, usage::add);
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  private static ErrorEvent event(String function, String release, String userId) {
    return ErrorEvent.builder().timestamp(TestKits.START).release(release)
        .user(userId == null ? UserInfo.EMPTY : UserInfo.ofId(userId))
        .exceptions(List.of(new ExceptionValue("IllegalStateException", "boom", "java.lang",
            List.of(StackFrame.java("com.shop.Orders", function, "Orders.java", 10, true)), null, false, null)))
        .build();
  }

  private Issue send(ErrorEvent e) {
    ProjectConfig project = errors.projects().find(TestKits.PROJECT).orElseThrow();
    return errors.processor().process(project, e).update().issue();
  }

  private List<String> triggered() {
    return alerts.stream().filter(a -> a.action() == dev.obskit.core.alert.AlertAction.TRIGGERED)
        .map(a -> a.alert().dedupKey()).toList();
  }

  @Test
  void newIssue_raisesNewAlert_andCountsUsersReleasesUsage() {
    start(TestKits.project().build());
    Issue first = send(event("place", "shop@1", "u1"));
    clock.advance(Duration.ofMinutes(5));
    send(event("place", "shop@2", "u2"));
    Issue third = send(event("place", "shop@2", "u1"));
    assertThat(third.id()).isEqualTo(first.id());
    assertThat(third.count()).isEqualTo(3);
    assertThat(third.usersAffected()).isEqualTo(2);
    assertThat(third.firstRelease()).isEqualTo("shop@1");
    assertThat(third.lastRelease()).isEqualTo("shop@2");
    assertThat(third.firstSeen()).isEqualTo(TestKits.START);
    assertThat(third.lastSeen()).isEqualTo(TestKits.START.plus(Duration.ofMinutes(5)));
    assertThat(third.groupingConfig()).isEqualTo(GroupingConfig.DEFAULT_VERSION);
    assertThat(triggered()).containsExactly("errors:issue:" + first.id() + ":new");
    assertThat(usage).hasSize(3).allMatch(u -> u.meter().equals(Meters.ERROR_EVENTS) && u.quantity() == 1);
    Release r1 = errors.releases().find(TestKits.TEAM, TestKits.PROJECT, "shop@1").orElseThrow();
    Release r2 = errors.releases().find(TestKits.TEAM, TestKits.PROJECT, "shop@2").orElseThrow();
    assertThat(r1.eventCount()).isEqualTo(1);
    assertThat(r1.newIssues()).isEqualTo(1);
    assertThat(r2.eventCount()).isEqualTo(2);
    assertThat(r2.newIssues()).isZero();
  }

  @Test
  void resolved_newEvent_reopensAsRegressionWithAlert() {
    start(TestKits.project().build());
    Issue issue = send(event("place", null, null));
    errors.issues().resolve(TestKits.TEAM, issue.id());
    assertThat(kit.context().alerts().findOpen(TestKits.TEAM, IssueService.dedupKey(issue.id(), "new"))).isEmpty();
    Issue again = send(event("place", null, null));
    assertThat(again.status()).isEqualTo(IssueStatus.UNRESOLVED);
    assertThat(again.regressions()).isEqualTo(1);
    Optional<AlertRecord> open = kit.context().alerts().findOpen(TestKits.TEAM,
        IssueService.dedupKey(issue.id(), "regression"));
    assertThat(open).isPresent();
    assertThat(open.get().latest().details()).containsEntry("issue", issue.id().value());
  }

  @Test
  void resolvedInNextRelease_sameReleaseSuppressed_newerReleaseRegresses() {
    start(TestKits.project().build());
    Issue issue = send(event("place", "shop@1", null));
    errors.issues().resolveInNextRelease(TestKits.TEAM, issue.id());
    Issue same = send(event("place", "shop@1", null));
    assertThat(same.status()).isEqualTo(IssueStatus.RESOLVED_IN_NEXT_RELEASE);
    assertThat(same.count()).isEqualTo(2);
    clock.advance(Duration.ofHours(1));
    Issue newer = send(event("place", "shop@2", null));
    assertThat(newer.status()).isEqualTo(IssueStatus.UNRESOLVED);
    assertThat(triggered()).contains(IssueService.dedupKey(issue.id(), "regression"));
  }

  @Test
  void resolvedInRelease_olderReleaseSuppressed_sameOrNewerRegresses() {
    start(TestKits.project().build());
    send(event("other", "shop@1", null));
    clock.advance(Duration.ofHours(1));
    send(event("other", "shop@2", null));
    Issue issue = send(event("place", "shop@1", null));
    errors.issues().resolveInRelease(TestKits.TEAM, issue.id(), "shop@2");
    assertThat(send(event("place", "shop@1", null)).status()).isEqualTo(IssueStatus.RESOLVED_IN_RELEASE);
    assertThat(send(event("place", "shop@2", null)).status()).isEqualTo(IssueStatus.UNRESOLVED);
    assertThat(errors.releases().find(TestKits.TEAM, TestKits.PROJECT, "shop@2").orElseThrow().resolvedIssues())
        .isEqualTo(1);
  }

  @Test
  void ignoredForever_staysIgnoredWithoutAlerts() {
    start(TestKits.project().build());
    Issue issue = send(event("place", null, null));
    errors.issues().ignore(TestKits.TEAM, issue.id(), IgnoreCondition.forever());
    for (int i = 0; i < 5; i++) {
      assertThat(send(event("place", null, null)).status()).isEqualTo(IssueStatus.IGNORED);
    }
    assertThat(triggered()).hasSize(1);
  }

  @Test
  void ignoredUntilCount_unignoredAfterNMoreEvents() {
    start(TestKits.project().build());
    Issue issue = send(event("place", null, null));
    errors.issues().ignore(TestKits.TEAM, issue.id(), IgnoreCondition.untilCount(2));
    assertThat(send(event("place", null, null)).status()).isEqualTo(IssueStatus.IGNORED);
    assertThat(send(event("place", null, null)).status()).isEqualTo(IssueStatus.IGNORED);
    assertThat(send(event("place", null, null)).status()).isEqualTo(IssueStatus.UNRESOLVED);
  }

  @Test
  void ignoredUntilTime_unignoredByFirstEventAfterIt() {
    start(TestKits.project().build());
    Issue issue = send(event("place", null, null));
    errors.issues().ignore(TestKits.TEAM, issue.id(), IgnoreCondition.untilTime(TestKits.START.plus(Duration.ofHours(1))));
    clock.advance(Duration.ofMinutes(59));
    assertThat(send(event("place", null, null)).status()).isEqualTo(IssueStatus.IGNORED);
    clock.advance(Duration.ofMinutes(1));
    assertThat(send(event("place", null, null)).status()).isEqualTo(IssueStatus.UNRESOLVED);
  }

  @Test
  void spike_thresholdWithinWindow_raisesOneSpikeAlert() {
    start(TestKits.project().setSpike(5, Duration.ofMinutes(1)).build());
    Issue issue = send(event("place", null, null));
    for (int i = 0; i < 3; i++) {
      send(event("place", null, null));
    }
    assertThat(triggered()).doesNotContain(IssueService.dedupKey(issue.id(), "spike"));
    for (int i = 0; i < 10; i++) {
      send(event("place", null, null));
    }
    assertThat(triggered()).filteredOn(k -> k.endsWith(":spike")).hasSize(1);
  }

  @Test
  void spike_sameCountSpreadOverWindows_noAlert() {
    start(TestKits.project().setSpike(5, Duration.ofMinutes(1)).build());
    for (int i = 0; i < 12; i++) {
      send(event("place", null, null));
      clock.advance(Duration.ofSeconds(20));
    }
    assertThat(triggered()).noneMatch(k -> k.endsWith(":spike"));
  }

  @Test
  void reopen_afterIgnore_unresolved() {
    start(TestKits.project().build());
    Issue issue = send(event("place", null, null));
    errors.issues().ignore(TestKits.TEAM, issue.id(), IgnoreCondition.forever());
    assertThat(errors.issues().reopen(TestKits.TEAM, issue.id()).status()).isEqualTo(IssueStatus.UNRESOLVED);
  }

  @Test
  void concurrentEvents_noCountLost() throws Exception {
    start(TestKits.project().setSpike(1_000_000, Duration.ofMinutes(1)).build());
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 250; i++) {
          send(event("place", "shop@1", null));
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    Issue issue = errors.issues().list(TestKits.TEAM, TestKits.PROJECT, dev.obskit.core.store.PageRequest.first())
        .items().get(0);
    assertThat(issue.count()).isEqualTo(1000);
    assertThat(errors.releases().find(TestKits.TEAM, TestKits.PROJECT, "shop@1").orElseThrow().eventCount())
        .isEqualTo(1000);
  }
}
