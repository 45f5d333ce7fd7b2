package dev.obskit.statuspages;

import dev.obskit.core.notify.ChannelKind;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Where subscribers are kept. Thread-safe implementations; in memory by default. */
public interface SubscriberRepository {
  /** Stores a new subscriber at version 1. */
  Subscriber insert(Subscriber subscriber);

  /** Replaces a subscriber whose stored version is one less. */
  Subscriber update(Subscriber subscriber);

  /** Deletes a subscriber; returns whether it existed. */
  boolean delete(SubscriberId id);

  /** Returns the subscriber {@code id}. */
  Optional<Subscriber> find(SubscriberId id);

  /** Returns the pending subscriber whose verification token hashes to {@code tokenHash}. */
  Optional<Subscriber> findByTokenHash(String tokenHash);

  /** Returns the page's subscriber on {@code channel} at {@code address}. */
  Optional<Subscriber> findByAddress(StatusPageId page, ChannelKind channel, String address);

  /** Returns the page's subscribers, oldest first. */
  List<Subscriber> listByPage(StatusPageId page);

  /** Returns how many subscribers (pending or confirmed) the page has. */
  int countByPage(StatusPageId page);

  /** Returns a new in-memory repository. */
  static SubscriberRepository inMemory() {
    MemoryTable<SubscriberId, Subscriber> t = new MemoryTable<>();
    Comparator<Subscriber> order = Comparator.comparing(Subscriber::createdAt)
        .thenComparing(s -> s.id().value());
    return new SubscriberRepository() {
      @Override
      public Subscriber insert(Subscriber s) {
        return t.insert(s);
      }

      @Override
      public Subscriber update(Subscriber s) {
        return t.update(s);
      }

      @Override
      public boolean delete(SubscriberId id) {
        return t.delete(id);
      }

      @Override
      public Optional<Subscriber> find(SubscriberId id) {
        return t.find(id);
      }

      @Override
      public Optional<Subscriber> findByTokenHash(String tokenHash) {
        return tokenHash.isEmpty() ? Optional.empty()
            : t.list(s -> s.tokenHash().equals(tokenHash), order).stream().findFirst();
      }

      @Override
      public Optional<Subscriber> findByAddress(StatusPageId page, ChannelKind channel,
          String address) {
        return t.list(s -> s.pageId().equals(page) && s.channel() == channel
            && s.address().equalsIgnoreCase(address), order).stream().findFirst();
      }

      @Override
      public List<Subscriber> listByPage(StatusPageId page) {
        return t.list(s -> s.pageId().equals(page), order);
      }

      @Override
      public int countByPage(StatusPageId page) {
        return t.list(s -> s.pageId().equals(page), order).size();
      }
    };
  }
}
