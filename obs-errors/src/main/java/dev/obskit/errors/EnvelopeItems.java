package dev.obskit.errors;

import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.privacy.PiiScrubber;
import dev.obskit.errors.attachment.AttachmentId;
import dev.obskit.errors.attachment.AttachmentRepository;
import dev.obskit.errors.attachment.StoredAttachment;
import dev.obskit.errors.transaction.MalformedTransactionException;
import dev.obskit.errors.transaction.StoredTransaction;
import dev.obskit.errors.transaction.Transaction;
import dev.obskit.errors.transaction.TransactionId;
import dev.obskit.errors.transaction.TransactionJson;
import dev.obskit.errors.transaction.TransactionRepository;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the envelope items that are not error events: {@code transaction} items (their summary,
 * in the {@link TransactionRepository}) and {@code attachment} items (in the {@link
 * AttachmentRepository}, linked to the envelope's event). The ingestion handler calls it per item.
 * A malformed transaction is skipped and counted by reason ({@link #skipped()}), never thrown.
 * Transaction names are scrubbed unless the project sends PII; attachment content is stored as
 * sent (as Sentry does). Thread-safe; runs on the caller's thread.
 */
public final class EnvelopeItems {
  private static final Logger log = LoggerFactory.getLogger(EnvelopeItems.class);
  private static final int MAX_REASONS = 32;

  private final TransactionRepository transactions;
  private final AttachmentRepository attachments;
  private final PiiScrubber scrubber;
  private final IdGenerator ids;
  private final Clock clock;
  private final LongAdder transactionsStored = new LongAdder();
  private final LongAdder attachmentsStored = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final ConcurrentHashMap<String, LongAdder> skipped = new ConcurrentHashMap<>();

  /** Creates the item store; the errors module wires one up as {@code ErrorsModule.items()}. */
  public EnvelopeItems(TransactionRepository transactions, AttachmentRepository attachments,
      PiiScrubber scrubber, IdGenerator ids, Clock clock) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.attachments = Objects.requireNonNull(attachments, "attachments");
    this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Stores a {@code transaction} item's summary; returns whether it was accepted (stored, or a
   * transaction id seen before). A malformed payload returns false and is counted under {@code
   * transaction/<reason>}.
   *
   * @throws MalformedTransactionException only when a timestamp is out of range ({@link
   *     MalformedTransactionException#refusesRequest()}): the caller refuses the request (400)
   * @param envelopeEventId the envelope header's {@code event_id}, or null
   */
  public boolean acceptTransaction(ProjectConfig project, String envelopeEventId, byte[] data,
      int offset, int length) throws MalformedTransactionException {
    Transaction t;
    try {
      t = TransactionJson.read(data, offset, length, envelopeEventId);
    } catch (MalformedTransactionException e) {
      if (e.refusesRequest()) {
        throw e;
      }
      skip("transaction/" + e.reason());
      log.debug("skipped a transaction item of project {}: {}", project.id(), e.getMessage());
      return false;
    }
    if (!project.sendPii()) {
      String name = scrubber.scrubText(t.name());
      if (!name.equals(t.name())) {
        t = new Transaction(t.eventId(), name, t.op(), t.traceId(), t.spanCount(), t.start(),
            t.end(), t.status(), t.release(), t.environment());
      }
    }
    boolean stored = transactions.save(new StoredTransaction(new TransactionId(t.eventId()),
        project.teamId(), 1, project.id(), clock.instant(), t));
    (stored ? transactionsStored : duplicates).increment();
    return true;
  }

  /**
   * Stores an {@code attachment} item linked to {@code eventId}; returns whether it was accepted.
   * The file name comes from the item's {@code filename} header ({@code attachment} when absent).
   * Never throws.
   *
   * @param eventId the event the envelope carries or names, or null
   * @param headers the item header's scalar members
   */
  public boolean acceptAttachment(ProjectConfig project, String eventId, Map<String, Object> headers,
      byte[] data, int offset, int length) {
    try {
      String filename = header(headers, "filename");
      StoredAttachment a = StoredAttachment.copyOf(AttachmentId.of(ids.next()), project.teamId(),
          project.id(), eventId, filename == null || filename.isBlank() ? "attachment" : filename,
          header(headers, "content_type"), header(headers, "attachment_type"), data, offset,
          length, clock.instant());
      attachments.save(a);
      attachmentsStored.increment();
      return true;
    } catch (RuntimeException e) {
      skip("attachment/" + e.getClass().getSimpleName());
      log.warn("could not store an attachment of project {}", project.id(), e);
      return false;
    }
  }

  private static String header(Map<String, Object> headers, String name) {
    Object v = headers.get(name);
    if (!(v instanceof String s)) {
      return null;
    }
    return s.length() <= 256 ? s : s.substring(0, 256);
  }

  private void skip(String reason) {
    if (skipped.size() < MAX_REASONS || skipped.containsKey(reason)) {
      skipped.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }
  }

  /** Returns the transaction store (query by id, name or trace). */
  public TransactionRepository transactions() {
    return transactions;
  }

  /** Returns the attachment store (query by id or event). */
  public AttachmentRepository attachments() {
    return attachments;
  }

  /** Returns transactions stored. */
  public long transactionsStored() {
    return transactionsStored.sum();
  }

  /** Returns attachments stored. */
  public long attachmentsStored() {
    return attachmentsStored.sum();
  }

  /** Returns transactions acknowledged but not stored again because their id was seen before. */
  public long duplicates() {
    return duplicates.sum();
  }

  /** Returns items skipped, by {@code <type>/<reason>} (e.g. {@code transaction/invalid_json}). */
  public Map<String, Long> skipped() {
    Map<String, Long> out = new TreeMap<>();
    skipped.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
