package dev.obskit.statuspages;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Where maintenance windows are kept. Thread-safe implementations; in memory by default. */
public interface MaintenanceRepository {
  /** Stores a new window at version 1. */
  MaintenanceWindow insert(MaintenanceWindow window);

  /** Replaces a window whose stored version is one less. */
  MaintenanceWindow update(MaintenanceWindow window);

  /** Returns the window {@code id}. */
  Optional<MaintenanceWindow> find(MaintenanceId id);

  /** Returns the page's windows by start time. */
  List<MaintenanceWindow> listByPage(StatusPageId page);

  /** Returns every window not yet completed or cancelled, by start time. */
  List<MaintenanceWindow> listOpen();

  /** Returns a new in-memory repository. */
  static MaintenanceRepository inMemory() {
    MemoryTable<MaintenanceId, MaintenanceWindow> t = new MemoryTable<>();
    Comparator<MaintenanceWindow> byStart = Comparator.comparing(MaintenanceWindow::startsAt)
        .thenComparing(w -> w.id().value());
    return new MaintenanceRepository() {
      @Override
      public MaintenanceWindow insert(MaintenanceWindow window) {
        return t.insert(window);
      }

      @Override
      public MaintenanceWindow update(MaintenanceWindow window) {
        return t.update(window);
      }

      @Override
      public Optional<MaintenanceWindow> find(MaintenanceId id) {
        return t.find(id);
      }

      @Override
      public List<MaintenanceWindow> listByPage(StatusPageId page) {
        return t.list(w -> w.pageId().equals(page), byStart);
      }

      @Override
      public List<MaintenanceWindow> listOpen() {
        return t.list(w -> w.status() == MaintenanceStatus.SCHEDULED
            || w.status() == MaintenanceStatus.IN_PROGRESS, byStart);
      }
    };
  }
}
