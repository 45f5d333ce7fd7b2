package dev.obskit.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.store.Store;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.attachment.AttachmentRepository;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.ExceptionValue;
import dev.obskit.errors.event.StackFrame;
import dev.obskit.errors.issue.EventRepository;
import dev.obskit.errors.issue.Issue;
import dev.obskit.errors.issue.IssueRepository;
import dev.obskit.errors.release.ReleaseRepository;
import dev.obskit.errors.transaction.TransactionRepository;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ErrorsModule takes every repository from the kit's store, never constructing its own. */
class ErrorsModuleStoreTest {
  private final IssueRepository issues = IssueRepository.inMemory();
  private final EventRepository events = EventRepository.inMemory(10);
  private final ReleaseRepository releases = ReleaseRepository.inMemory();
  private final TransactionRepository transactions = TransactionRepository.inMemory(10);
  private final AttachmentRepository attachments = AttachmentRepository.inMemory(1 << 20, 10);

  @Test
  void create_takesEveryRepositoryFromTheStore() {
    Store store = Store.inMemory(Map.of(IssueRepository.class, issues, EventRepository.class, events,
        ReleaseRepository.class, releases, TransactionRepository.class, transactions,
        AttachmentRepository.class, attachments));
    ErrorsConfig config = ErrorsConfig.builder().addProject(TestKits.project().build())
        .setInstallGlobalTracker(false).build();
    try (ObsKit kit = ObsKit.builder().setClock(ManualClock.startingAt(TestKits.START))
        .setIdGenerator(IdGenerator.sequential("id")).setConfig(ConfigProperties.of(Map.of()))
        .setStore(store).addModule(ctx -> ErrorsModule.create(ctx, config)).build().start()) {
      ErrorsModule errors = kit.module(ErrorsModule.class);
      ErrorEvent event = ErrorEvent.builder().timestamp(TestKits.START).release("shop@3")
          .exceptions(List.of(new ExceptionValue("IllegalStateException", "payment failed",
              "java.lang", List.of(StackFrame.java("com.shop.Pay", "charge", "Pay.java", 7, true)),
              "generic", false, null)))
          .build();

      Issue issue = errors.processor().process(
          errors.projects().find(TestKits.PROJECT).orElseThrow(), event).update().issue();

      assertThat(issues.find(TestKits.TEAM, issue.id())).isPresent();
      assertThat(releases.find(TestKits.TEAM, TestKits.PROJECT, "shop@3")).isPresent();
      assertThat(errors.events()).isSameAs(events);
      assertThat(errors.items().transactions()).isSameAs(transactions);
      assertThat(errors.items().attachments()).isSameAs(attachments);
    }
  }
}
