package dev.obskit.statuspages;

import dev.obskit.core.id.TeamId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.Link;
import dev.obskit.core.notify.Notification;
import dev.obskit.core.notify.Notifier;
import dev.obskit.core.notify.Recipient;
import dev.obskit.core.notify.Urgency;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends subscriber messages through the core {@link Notifier}s, off the caller's thread (a
 * bounded queue; what does not fit is dropped and counted). A notifier that throws is logged and
 * counted, never propagated. Thread-safe.
 */
final class Deliveries {
  private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
  private final Map<ChannelKind, Notifier> notifiers = new EnumMap<>(ChannelKind.class);
  private final Executor executor;
  private final ThreadPoolExecutor own;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();

  Deliveries(List<Notifier> list, java.util.Optional<Executor> executor) {
    for (Notifier n : list) {
      notifiers.putIfAbsent(n.channel(), n);
    }
    if (executor.isPresent()) {
      this.executor = executor.get();
      this.own = null;
    } else {
      own = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "obs-statuspages-delivery");
            t.setDaemon(true);
            return t;
          }, (r, e) -> dropped.incrementAndGet());
      this.executor = own;
    }
  }

  boolean supports(ChannelKind channel) {
    return notifiers.containsKey(channel);
  }

  void send(TeamId team, String id, ChannelKind channel, String address, String recipientName,
      String title, String body, List<Link> links) {
    Notifier n = notifiers.get(channel);
    if (n == null) {
      dropped.incrementAndGet();
      return;
    }
    Notification.Builder b = Notification.builder(id, team,
        new Recipient(channel, address, recipientName)).setTitle(title).setBody(body)
        .setUrgency(Urgency.LOW).setSubjectRef("statuspages");
    links.forEach(b::addLink);
    Notification notification = b.build();
    try {
      executor.execute(() -> deliver(n, notification));
    } catch (RuntimeException e) {
      dropped.incrementAndGet();
    }
  }

  private void deliver(Notifier n, Notification notification) {
    try {
      if (n.send(notification).isDelivered()) {
        sent.incrementAndGet();
      } else {
        failed.incrementAndGet();
      }
    } catch (RuntimeException | LinkageError e) {
      long f = failed.incrementAndGet();
      if (Long.bitCount(f) == 1) {
        log.warn("notifier {} threw ({} failures so far)", n.getName(), f, e);
      }
    }
  }

  long sent() {
    return sent.get();
  }

  long failed() {
    return failed.get();
  }

  long dropped() {
    return dropped.get();
  }

  void shutdown(Duration timeout) {
    if (own != null) {
      own.shutdown();
      try {
        own.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      own.shutdownNow();
    }
  }
}
