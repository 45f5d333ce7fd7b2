package dev.obskit.errors.issue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.store.PageRequest;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.ProjectConfig;
import dev.obskit.errors.TestKits;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.Level;
import dev.obskit.errors.event.LogEntry;
import dev.obskit.errors.event.UserInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue search (Sentry's is:/level:/release:/environment:/tag/text filters) and ignore until N users. */
class IssueSearchAndIgnoreTest {
  private ObsKit kit;
  private ErrorsModule errors;
  private ProjectConfig project;

  @BeforeEach
  void setUp() {
    kit = TestKits.kit(ManualClock.startingAt(TestKits.START), TestKits.project().build());
    errors = kit.module(ErrorsModule.class);
    project = errors.projects().find(TestKits.PROJECT).orElseThrow();
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  private Issue send(String message, Level level, String release, String env, Map<String, String> tags,
      String user) {
    ErrorEvent e = ErrorEvent.builder().timestamp(TestKits.START).level(level).release(release)
        .environment(env).tags(tags).logEntry(LogEntry.formatted(message))
        .user(user == null ? UserInfo.EMPTY : UserInfo.ofId(user)).build();
    return errors.processor().process(project, e).update().issue();
  }

  private List<String> titles(IssueQuery.Builder q) {
    return errors.searchIssues(TestKits.TEAM, TestKits.PROJECT, q.build(), PageRequest.first(50))
        .items().stream().map(Issue::title).sorted().toList();
  }

  @Test
  void search_eachCriterion_andTheirCombination() {
    send("Checkout failed", Level.ERROR, "shop@1.0", "production", Map.of("region", "eu"), "u1");
    send("Cart expired", Level.WARNING, "shop@1.1", "staging", Map.of("region", "us"), "u2");
    Issue fatal = send("Payment gateway down", Level.FATAL, "shop@1.1", "production",
        Map.of("region", "us", "tenant", "acme"), "u3");
    errors.issues().resolve(TestKits.TEAM, fatal.id());

    assertThat(titles(IssueQuery.builder())).hasSize(3);
    assertThat(titles(IssueQuery.builder().status(IssueStatus.UNRESOLVED)))
        .containsExactly("Cart expired", "Checkout failed");
    assertThat(titles(IssueQuery.builder().level(Level.FATAL).level(Level.WARNING)))
        .containsExactly("Cart expired", "Payment gateway down");
    assertThat(titles(IssueQuery.builder().release("shop@1.1")))
        .containsExactly("Cart expired", "Payment gateway down");
    assertThat(titles(IssueQuery.builder().environment("production")))
        .containsExactly("Checkout failed", "Payment gateway down");
    assertThat(titles(IssueQuery.builder().tag("region", "us").tag("tenant", "acme")))
        .containsExactly("Payment gateway down");
    assertThat(titles(IssueQuery.builder().text("GATEWAY"))).containsExactly("Payment gateway down");
    assertThat(titles(IssueQuery.builder().environment("production").status(IssueStatus.UNRESOLVED)
        .tag("region", "eu").text("checkout"))).containsExactly("Checkout failed");
    assertThat(titles(IssueQuery.builder().environment("nowhere"))).isEmpty();
  }

  @Test
  void ignoreUntilUsers_onlyNewUsersCount_unignoredPastTheLimit() {
    Issue issue = send("Checkout failed", Level.ERROR, null, null, Map.of(), "u0");
    errors.issues().ignore(TestKits.TEAM, issue.id(), IgnoreCondition.untilUsers(2));

    for (int i = 0; i < 5; i++) {
      assertThat(errors.processor().process(project, event("u0")).update().outcome())
          .as("a user affected before never counts").isEqualTo(IssueOutcome.SUPPRESSED);
    }
    assertThat(errors.processor().process(project, event("u1")).update().outcome()).isEqualTo(IssueOutcome.SUPPRESSED);
    assertThat(errors.processor().process(project, event("u1")).update().outcome()).isEqualTo(IssueOutcome.SUPPRESSED);
    assertThat(errors.processor().process(project, event("u2")).update().outcome()).isEqualTo(IssueOutcome.SUPPRESSED);
    IssueUpdate third = errors.processor().process(project, event("u3")).update();
    assertThat(third.outcome()).isEqualTo(IssueOutcome.UNIGNORED);
    assertThat(third.issue().status()).isEqualTo(IssueStatus.UNRESOLVED);
    assertThat(third.issue().usersAffected()).isEqualTo(4);
  }

  @Test
  void assign_toUserOrTeam_searchable_andUnassign() {
    Issue a = send("Checkout failed", Level.ERROR, null, null, Map.of(), null);
    Issue b = send("Cart expired", Level.ERROR, null, null, Map.of(), null);
    assertThat(errors.issues().assignToUser(TestKits.TEAM, a.id(), "alice").assignee()).isEqualTo("user:alice");
    assertThat(errors.issues().assignToTeam(TestKits.TEAM, b.id(), "payments").assignee()).isEqualTo("team:payments");
    assertThat(titles(IssueQuery.builder().assignee("user:alice"))).containsExactly("Checkout failed");
    assertThat(titles(IssueQuery.builder().assignee("team:payments"))).containsExactly("Cart expired");
    // The assignee survives new events and status changes.
    send("Checkout failed", Level.ERROR, null, null, Map.of(), null);
    errors.issues().resolve(TestKits.TEAM, a.id());
    assertThat(errors.issues().find(TestKits.TEAM, a.id()).orElseThrow().assignee()).isEqualTo("user:alice");
    assertThat(errors.issues().unassign(TestKits.TEAM, a.id()).assignee()).isNull();
    assertThat(titles(IssueQuery.builder().assignee("user:alice"))).isEmpty();
  }

  @Test
  void merge_laterEventsCountOnTheTarget_unmergeRestoresBoth() {
    Issue target = send("Checkout failed", Level.ERROR, null, null, Map.of(), "u1");
    send("Checkout failed", Level.ERROR, null, null, Map.of(), "u1");
    Issue source = send("Checkout timed out", Level.ERROR, null, null, Map.of(), "u2");

    Issue merged = errors.issues().merge(TestKits.TEAM, target.id(), List.of(source.id()));
    assertThat(merged.count()).isEqualTo(3);
    assertThat(merged.usersAffected()).isEqualTo(2);
    assertThat(titles(IssueQuery.builder())).containsExactly("Checkout failed");
    assertThat(errors.issues().list(TestKits.TEAM, TestKits.PROJECT, PageRequest.first(10)).items())
        .extracting(Issue::id).containsExactly(target.id());
    assertThat(errors.issues().mergedInto(TestKits.TEAM, target.id())).extracting(Issue::id)
        .containsExactly(source.id());

    // A later event of the source's group lands on the target.
    Issue landed = send("Checkout timed out", Level.ERROR, null, null, Map.of(), "u3");
    assertThat(landed.id()).isEqualTo(target.id());
    assertThat(landed.count()).isEqualTo(4);

    Issue back = errors.issues().unmerge(TestKits.TEAM, source.id());
    assertThat(back.mergedInto()).isNull();
    assertThat(back.count()).isEqualTo(2);
    assertThat(errors.issues().find(TestKits.TEAM, target.id()).orElseThrow().count()).isEqualTo(2);
    assertThat(send("Checkout timed out", Level.ERROR, null, null, Map.of(), null).id()).isEqualTo(source.id());
  }

  @Test
  void merge_invalidRequests_refusedNamingTheIssue() {
    Issue a = send("A failed", Level.ERROR, null, null, Map.of(), null);
    Issue b = send("B failed", Level.ERROR, null, null, Map.of(), null);
    Issue c = send("C failed", Level.ERROR, null, null, Map.of(), null);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> errors.issues().merge(TestKits.TEAM, a.id(), List.of(a.id())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(a.id().toString());
    errors.issues().merge(TestKits.TEAM, a.id(), List.of(b.id()));
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> errors.issues().merge(TestKits.TEAM, b.id(), List.of(c.id())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("merged into " + a.id());
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> errors.issues().merge(TestKits.TEAM, c.id(), List.of(a.id())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no issues merged into it");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> errors.issues().unmerge(TestKits.TEAM, c.id()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not merged");
  }

  private static ErrorEvent event(String user) {
    return ErrorEvent.builder().timestamp(TestKits.START).logEntry(LogEntry.formatted("Checkout failed"))
        .user(UserInfo.ofId(user)).build();
  }
}
