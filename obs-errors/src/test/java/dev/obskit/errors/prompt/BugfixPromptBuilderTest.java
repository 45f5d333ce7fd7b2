package dev.obskit.errors.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.ObsKit;
import dev.obskit.core.ai.AiAnswer;
import dev.obskit.core.ai.AiAssistant;
import dev.obskit.core.ai.AiRequest;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.TestKits;
import dev.obskit.errors.event.Breadcrumb;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.ExceptionValue;
import dev.obskit.errors.event.StackFrame;
import dev.obskit.errors.issue.Issue;
import dev.obskit.errors.issue.IssueId;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BugfixPromptBuilderTest {
  @Test
  void prompt_containsChainInAppFramesBreadcrumbsAndFacts_scrubbed() {
    try (ObsKit kit = TestKits.kit(ManualClock.startingAt(TestKits.START), TestKits.project().setSendPii(true).build())) {
      ErrorsModule errors = kit.module(ErrorsModule.class);
      ErrorEvent event = ErrorEvent.builder().timestamp(TestKits.START).release("shop@3").environment("prod")
          .tag("route", "/pay")
          .breadcrumbs(List.of(Breadcrumb.of(TestKits.START, "http", "POST /pay for jane@example.com")))
          .exceptions(List.of(
              new ExceptionValue("SQLException", "deadlock", "java.sql", List.of(
                  StackFrame.java("org.postgresql.Driver", "exec", null, 1, null),
                  StackFrame.java("com.shop.Repo", "save", "Repo.java", 42, true)), "chained", false, null),
              new ExceptionValue("IllegalStateException", "payment failed", "java.lang", List.of(
                  StackFrame.java("java.lang.Thread", "run", null, 1, null),
                  StackFrame.java("com.shop.Pay", "charge", "Pay.java", 7, true)), "generic", false, null)))
          .build();
      Issue issue = errors.processor().process(errors.projects().find(TestKits.PROJECT).orElseThrow(), event)
          .update().issue();
      String prompt = errors.prompts().build(TestKits.TEAM, issue.id());
      assertThat(prompt)
          .contains("Title: IllegalStateException: payment failed")
          .contains("Culprit: com.shop.Pay in charge")
          .contains("First release: shop@3")
          .contains("java.lang.IllegalStateException: payment failed")
          .contains("Caused by: java.sql.SQLException: deadlock")
          .contains("at com.shop.Repo.save(Repo.java:42)  [in-app]")
          .contains("... 1 library frame(s)")
          .contains("route=/pay")
          .doesNotContain("jane@example.com");
      assertThat(prompt.indexOf("IllegalStateException: payment failed\n"))
          .isLessThan(prompt.indexOf("Caused by: java.sql.SQLException"));

      AiAnswer offline = errors.suggestFix(TestKits.TEAM, issue.id(), AiAssistant.offline());
      assertThat(offline.text()).isEqualTo(prompt);
      assertThat(offline.generated()).isFalse();

      AtomicReference<AiRequest> seen = new AtomicReference<>();
      AiAssistant llm = new AiAssistant() {
        @Override
        public String getName() {
          return "fake-llm";
        }

        @Override
        public AiAnswer complete(AiRequest request) {
          seen.set(request);
          return new AiAnswer("add a retry", true, "fake", 10, 3, "");
        }
      };
      assertThat(errors.suggestFix(TestKits.TEAM, issue.id(), llm).text()).isEqualTo("add a retry");
      assertThat(seen.get().purpose()).isEqualTo(BugfixPromptBuilder.PURPOSE);
      assertThat(seen.get().teamId()).isEqualTo(TestKits.TEAM);
      assertThatThrownBy(() -> errors.prompts().build(TestKits.TEAM, IssueId.of("nope")))
          .isInstanceOf(NoSuchElementException.class);
    }
  }
}
