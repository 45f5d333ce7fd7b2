package dev.obskit.errors.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obskit.core.ObsKit;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.IngestHttpServer;
import dev.obskit.errors.TestKits;
import dev.obskit.errors.attachment.StoredAttachment;
import dev.obskit.errors.transaction.StoredTransaction;
import dev.obskit.errors.transaction.Transaction;
import io.sentry.Attachment;
import io.sentry.Hint;
import io.sentry.ISpan;
import io.sentry.ITransaction;
import io.sentry.Sentry;
import io.sentry.SpanStatus;
import io.sentry.protocol.SentryId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real sentry-java SDK sending a transaction and an event with an attachment over HTTP. */
class SentrySdkItemsTest {
  private ObsKit kit;
  private IngestHttpServer server;
  private ErrorsModule errors;

  @BeforeEach
  void setUp() throws Exception {
    kit = TestKits.kit(ManualClock.startingAt(TestKits.START), TestKits.project().build());
    errors = kit.module(ErrorsModule.class);
    server = new IngestHttpServer(errors.ingestHandler());
    Sentry.init(options -> {
      options.setDsn(server.dsn(TestKits.KEY, TestKits.PROJECT.value()));
      options.setEnableUncaughtExceptionHandler(false);
      options.setEnableShutdownHook(false);
      options.setServerName("test-host");
      options.setRelease("shop@2.0.0");
      options.setEnvironment("staging");
      options.setTracesSampleRate(1.0);
    });
  }

  @AfterEach
  void tearDown() {
    Sentry.close();
    server.close();
    kit.close();
  }

  @Test
  void sdkTransaction_storedWithNameOpSpansStatusAndTrace() {
    ITransaction tx = Sentry.startTransaction("POST /checkout", "http.server");
    ISpan db = tx.startChild("db.query", "insert order");
    db.finish();
    ISpan http = tx.startChild("http.client", "charge card");
    http.finish(SpanStatus.OK);
    tx.finish(SpanStatus.INTERNAL_ERROR);
    String traceId = tx.getSpanContext().getTraceId().toString();
    SentryId id = tx.getEventId();
    Sentry.flush(10_000);

    await().atMost(Duration.ofSeconds(20))
        .until(() -> errors.items().transactionsStored() + errors.items().skipped().size() >= 1);
    assertThat(errors.items().skipped()).isEmpty();
    List<StoredTransaction> named = errors.items().transactions()
        .byName(TestKits.TEAM, TestKits.PROJECT, "POST /checkout", 10);
    assertThat(named).hasSize(1);
    Transaction t = named.get(0).transaction();
    assertThat(t.op()).isEqualTo("http.server");
    assertThat(t.spanCount()).isEqualTo(2);
    assertThat(t.status()).isEqualTo("internal_error");
    assertThat(t.traceId()).isEqualTo(traceId);
    assertThat(t.release()).isEqualTo("shop@2.0.0");
    assertThat(t.environment()).isEqualTo("staging");
    assertThat(t.end()).isAfterOrEqualTo(t.start());
    assertThat(t.eventId()).isEqualTo(id.toString());
  }

  @Test
  void sdkEventWithAttachment_attachmentLinkedToTheEvent() {
    byte[] log = "12:00 payment declined\n12:01 retry\n".getBytes(StandardCharsets.UTF_8);
    SentryId id = Sentry.captureException(new IllegalStateException("payment declined"),
        Hint.withAttachment(new Attachment(log, "payment.log", "text/plain")));
    Sentry.flush(10_000);

    await().atMost(Duration.ofSeconds(20)).until(() -> errors.items().attachmentsStored() >= 1);
    List<StoredAttachment> stored = errors.items().attachments()
        .byEvent(TestKits.TEAM, TestKits.PROJECT, id.toString());
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).filename()).isEqualTo("payment.log");
    assertThat(stored.get(0).contentType()).isEqualTo("text/plain");
    assertThat(stored.get(0).content()).isEqualTo(log);
    assertThat(errors.ingestHandler().stats().events()).isEqualTo(1);
  }
}
