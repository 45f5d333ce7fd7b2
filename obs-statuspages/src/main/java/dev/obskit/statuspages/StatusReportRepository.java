package dev.obskit.statuspages;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Where status reports are kept. Thread-safe implementations; in memory by default. */
public interface StatusReportRepository {
  /** Stores a new report at version 1. */
  StatusReport insert(StatusReport report);

  /** Replaces a report whose stored version is one less. */
  StatusReport update(StatusReport report);

  /** Returns the report {@code id}. */
  Optional<StatusReport> find(ReportId id);

  /** Returns the page's reports, newest first. */
  List<StatusReport> listByPage(StatusPageId page);

  /** Returns a new in-memory repository. */
  static StatusReportRepository inMemory() {
    MemoryTable<ReportId, StatusReport> t = new MemoryTable<>();
    return new StatusReportRepository() {
      @Override
      public StatusReport insert(StatusReport report) {
        return t.insert(report);
      }

      @Override
      public StatusReport update(StatusReport report) {
        return t.update(report);
      }

      @Override
      public Optional<StatusReport> find(ReportId id) {
        return t.find(id);
      }

      @Override
      public List<StatusReport> listByPage(StatusPageId page) {
        return t.list(r -> r.pageId().equals(page), Comparator.comparing(
            StatusReport::createdAt).thenComparing(r -> r.id().value()).reversed());
      }
    };
  }
}
