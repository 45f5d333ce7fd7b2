package dev.obskit.errors.ingest;

import static dev.obskit.errors.ingest.Envelopes.EVENT_ID;
import static dev.obskit.errors.ingest.Envelopes.envelopeRequest;
import static dev.obskit.errors.ingest.Envelopes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.EnvelopeItems;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.TestKits;
import dev.obskit.errors.attachment.StoredAttachment;
import dev.obskit.errors.transaction.StoredTransaction;
import dev.obskit.errors.transaction.TransactionId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Transactions and attachments in hand-written envelopes, through the ingestion handler. */
class EnvelopeItemsIngestTest {
  private static final String TX_ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

  private ObsKit kit;
  private ErrorsModule errors;

  private void start(long attachmentBytes, int attachments) {
    kit = TestKits.kit(ManualClock.startingAt(TestKits.START), TestKits.project().build(),
        b -> b.setAttachmentsPerProject(attachmentBytes, attachments));
    errors = kit.module(ErrorsModule.class);
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  private static String item(String header, String payload) {
    int len = payload.getBytes(StandardCharsets.UTF_8).length;
    return header.replace("LEN", Integer.toString(len)) + "\n" + payload + "\n";
  }

  private static String transaction(String name, String traceId) {
    return "{\"type\":\"transaction\",\"transaction\":\"" + name + "\",\"start_timestamp\":1795320000.0,"
        + "\"timestamp\":1795320000.125,\"contexts\":{\"trace\":{\"trace_id\":\"" + traceId + "\","
        + "\"op\":\"http.server\",\"status\":\"internal_error\"}},\"spans\":[{},{}]}";
  }

  private IngestResponse send(String envelope) {
    return errors.ingestHandler().handle(envelopeRequest(utf8(envelope)));
  }

  @Test
  void envelope_eventWithAttachments_storedAndQueryableByEventId() {
    start(1024, 100);
    String envelope = "{\"event_id\":\"" + EVENT_ID + "\"}\n"
        + item("{\"type\":\"event\",\"length\":LEN}", Envelopes.event("E", "boom", "place"))
        + item("{\"type\":\"attachment\",\"length\":LEN,\"filename\":\"app.log\","
            + "\"content_type\":\"text/plain\",\"attachment_type\":\"event.attachment\"}", "line 1\nline 2")
        + item("{\"type\":\"attachment\",\"length\":LEN}", "{}");
    IngestResponse r = send(envelope);
    assertThat(r.status()).isEqualTo(200);

    List<StoredAttachment> stored = errors.items().attachments()
        .byEvent(TestKits.TEAM, TestKits.PROJECT, EVENT_ID);
    assertThat(stored).extracting(StoredAttachment::filename).containsExactly("app.log", "attachment");
    StoredAttachment log = stored.get(0);
    assertThat(log.contentType()).isEqualTo("text/plain");
    assertThat(log.attachmentType()).isEqualTo("event.attachment");
    assertThat(log.size()).isEqualTo(13);
    assertThat(new String(log.content(), StandardCharsets.UTF_8)).isEqualTo("line 1\nline 2");
    assertThat(errors.items().attachments().find(TestKits.TEAM, log.id())).contains(log);
    assertThat(errors.items().attachments().find(TeamId.of("other-team"), log.id())).isEmpty();
    assertThat(errors.ingestHandler().stats().attachments()).isEqualTo(2);
  }

  @Test
  void envelope_attachmentsOverTheProjectByteBound_oldestLoseContentKeepMetadata() {
    start(10, 3);
    String id = "11112222333344445555666677778888";
    for (String content : List.of("aaaa", "bbbbbb", "cccc", "0123456789ABCDEF")) {
      send("{\"event_id\":\"" + id + "\"}\n"
          + item("{\"type\":\"attachment\",\"length\":LEN,\"filename\":\"" + content.charAt(0) + "\"}", content));
    }
    List<StoredAttachment> all = errors.items().attachments().byEvent(TestKits.TEAM, TestKits.PROJECT, id);
    // Count bound 3: "a" is gone. Byte bound 10: "bbbbbb" (6) + "cccc" (4) fit; the 16-byte one
    // alone exceeds the bound, so it keeps only its metadata.
    assertThat(all).extracting(StoredAttachment::filename).containsExactly("b", "c", "0");
    assertThat(all).extracting(StoredAttachment::hasContent).containsExactly(true, true, false);
    assertThat(all).extracting(StoredAttachment::size).containsExactly(6L, 4L, 16L);
    assertThat(errors.items().attachments().storedBytes(TestKits.TEAM, TestKits.PROJECT)).isEqualTo(10);

    send("{\"event_id\":\"" + id + "\"}\n" + item("{\"type\":\"attachment\",\"length\":LEN,\"filename\":\"d\"}", "dddddd"));
    all = errors.items().attachments().byEvent(TestKits.TEAM, TestKits.PROJECT, id);
    assertThat(all).extracting(StoredAttachment::filename).containsExactly("c", "0", "d");
    assertThat(all).extracting(StoredAttachment::hasContent).containsExactly(true, false, true);
    assertThat(errors.items().attachments().storedBytes(TestKits.TEAM, TestKits.PROJECT)).isEqualTo(10);
  }

  @Test
  void envelope_transactions_storedAndQueryableByIdNameAndTrace() {
    start(1024, 100);
    String trace = "4b9135a4f1e34b8e9a2f1c6d7e8f9a0b";
    assertThat(send("{\"event_id\":\"" + TX_ID + "\"}\n"
        + item("{\"type\":\"transaction\",\"length\":LEN}", transaction("GET /orders", trace))).status())
        .isEqualTo(200);
    String second = "aaaabbbbccccddddeeeeffff00001111";
    send("{\"event_id\":\"" + second + "\"}\n"
        + item("{\"type\":\"transaction\",\"length\":LEN}", transaction("GET /orders", "other")));
    send("{\"event_id\":\"" + second + "\"}\n"
        + item("{\"type\":\"transaction\",\"length\":LEN}", transaction("GET /orders", "other")));

    EnvelopeItems items = errors.items();
    StoredTransaction t = items.transactions().find(TestKits.TEAM, new TransactionId(TX_ID)).orElseThrow();
    assertThat(t.transaction().name()).isEqualTo("GET /orders");
    assertThat(t.transaction().status()).isEqualTo("internal_error");
    assertThat(t.transaction().spanCount()).isEqualTo(2);
    assertThat(t.projectId()).isEqualTo(TestKits.PROJECT);
    assertThat(t.receivedAt()).isEqualTo(TestKits.START);
    assertThat(items.transactions().byName(TestKits.TEAM, TestKits.PROJECT, "GET /orders", 10))
        .extracting(s -> s.id().value()).containsExactly(second, TX_ID);
    assertThat(items.transactions().byTrace(TestKits.TEAM, TestKits.PROJECT, trace, 10))
        .extracting(s -> s.id().value()).containsExactly(TX_ID);
    assertThat(items.transactions().find(TeamId.of("other-team"), new TransactionId(TX_ID))).isEmpty();
    assertThat(items.transactionsStored()).isEqualTo(2);
    assertThat(items.duplicates()).isEqualTo(1);
    assertThat(errors.ingestHandler().stats().transactions()).isEqualTo(3);
  }

  @Test
  void envelope_malformedTransaction_skippedWithReason_restOfEnvelopeAccepted() {
    start(1024, 100);
    String envelope = "{\"event_id\":\"" + EVENT_ID + "\"}\n"
        + item("{\"type\":\"event\",\"length\":LEN}", Envelopes.event("E", "boom", "place"))
        + item("{\"type\":\"transaction\",\"length\":LEN}", "{\"transaction\":\"x\",\"spans\":[")
        + item("{\"type\":\"transaction\",\"length\":LEN}", "{\"transaction\":\"x\",\"start_timestamp\":\"soon\",\"timestamp\":1}")
        + item("{\"type\":\"attachment\",\"length\":LEN,\"filename\":\"f\"}", "x");
    IngestResponse r = send(envelope);
    assertThat(r.status()).isEqualTo(200);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains(EVENT_ID);
    assertThat(errors.items().skipped()).isEqualTo(Map.of("transaction/invalid_json", 1L,
        "transaction/invalid_timestamp", 1L));
    assertThat(errors.ingestHandler().stats().skippedItems()).isEqualTo(2);
    assertThat(errors.ingestHandler().stats().events()).isEqualTo(1);
    assertThat(errors.items().attachments().byEvent(TestKits.TEAM, TestKits.PROJECT, EVENT_ID)).hasSize(1);
    assertThat(errors.items().transactions().latest(TestKits.TEAM, TestKits.PROJECT, 10)).isEmpty();
  }
}
