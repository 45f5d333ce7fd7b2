package dev.obskit.statuspages;

import java.util.List;
import java.util.Optional;

/**
 * Where pages are kept. Page ids are unique across teams (they appear in URLs). The in-memory
 * implementation is the default; a store module may provide another through the kit's store.
 * Implementations are thread-safe.
 */
public interface StatusPageRepository {
  /** Stores a new page at version 1; throws {@code DuplicateKeyException} if the id exists. */
  StatusPage insert(StatusPage page);

  /** Replaces a page whose stored version is one less; else {@code StaleVersionException}. */
  StatusPage update(StatusPage page);

  /** Returns the page {@code id}. */
  Optional<StatusPage> find(StatusPageId id);

  /** Returns every page, by id. */
  List<StatusPage> list();

  /** Deletes a page; returns whether it existed. */
  boolean delete(StatusPageId id);

  /** Returns a new in-memory repository. */
  static StatusPageRepository inMemory() {
    MemoryTable<StatusPageId, StatusPage> t = new MemoryTable<>();
    return new StatusPageRepository() {
      @Override
      public StatusPage insert(StatusPage page) {
        return t.insert(page);
      }

      @Override
      public StatusPage update(StatusPage page) {
        return t.update(page);
      }

      @Override
      public Optional<StatusPage> find(StatusPageId id) {
        return t.find(id);
      }

      @Override
      public List<StatusPage> list() {
        return t.list(p -> true, java.util.Comparator.comparing(p -> p.id().value()));
      }

      @Override
      public boolean delete(StatusPageId id) {
        return t.delete(id);
      }
    };
  }
}
