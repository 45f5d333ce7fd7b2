package dev.obskit.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncEventBusTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(10);
  private final List<SubscriberFailure> failures = Collections.synchronizedList(new ArrayList<>());
  private final List<EventBus> buses = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  private record Ping(int n) {}

  private EventBus bus(EventBusConfig config) {
    EventBus bus = EventBus.async(config, failures::add);
    buses.add(bus);
    return bus;
  }

  @AfterEach
  void tearDown() {
    release.countDown();
    buses.forEach(EventBus::close);
  }

  /** Subscribes a consumer that signals {@code entered} and then blocks until {@link #release}. */
  private void subscribeBlocking(EventBus bus, CountDownLatch entered, List<Ping> received) {
    bus.subscribe(Ping.class, p -> {
      entered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      received.add(p);
    });
  }

  @Test
  void publish_deliversOnWorkerThreadInOrder() {
    EventBus bus = bus(EventBusConfig.defaults());
    List<Ping> received = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Thread> deliveredOn = new AtomicReference<>();
    bus.subscribe(Ping.class, p -> {
      deliveredOn.set(Thread.currentThread());
      received.add(p);
    });

    for (int i = 0; i < 100; i++) {
      bus.publish(new Ping(i));
    }

    await().atMost(HANG_GUARD).until(() -> received.size() == 100);
    List<Ping> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add(new Ping(i));
    }
    assertThat(received).containsExactlyElementsOf(expected);
    assertThat(deliveredOn.get()).isNotSameAs(Thread.currentThread());
    assertThat(deliveredOn.get().getName()).isEqualTo("obskit-event-bus");
    assertThat(bus.stats()).isEqualTo(new EventBusStats(100, 100, 0, 0));
  }

  @Test
  void publish_whenSubscriberThrows_othersReceiveAndFailureReported() {
    EventBus bus = bus(EventBusConfig.defaults());
    List<Ping> received = Collections.synchronizedList(new ArrayList<>());
    bus.subscribe(Ping.class, p -> {
      throw new IllegalStateException("bad " + p.n());
    });
    bus.subscribe(Ping.class, received::add);

    bus.publish(new Ping(1));
    bus.publish(new Ping(2));

    await().atMost(HANG_GUARD).until(() -> received.size() == 2 && failures.size() == 2);
    assertThat(failures).extracting(f -> f.error().getMessage()).containsExactly("bad 1", "bad 2");
    assertThat(bus.stats()).isEqualTo(new EventBusStats(2, 2, 2, 0));
  }

  @Test
  void publish_whenSubscriberThrowsError_workerSurvivesAndKeepsDelivering() {
    EventBus bus = bus(EventBusConfig.defaults());
    List<Ping> received = Collections.synchronizedList(new ArrayList<>());
    bus.subscribe(Ping.class, p -> {
      if (p.n() == 1) {
        throw new AssertionError("an Error, not an exception");
      }
      received.add(p);
    });

    bus.publish(new Ping(1));
    bus.publish(new Ping(2));
    bus.publish(new Ping(3));

    await().atMost(HANG_GUARD).until(() -> received.size() == 2);
    assertThat(received).containsExactly(new Ping(2), new Ping(3));
    assertThat(bus.stats().subscriberFailures()).isEqualTo(1);
  }

  @Test
  void publish_whenQueueFull_rejectsAndCountsWithoutBlocking() {
    EventBus bus = bus(EventBusConfig.builder().setQueueCapacity(2).build());
    CountDownLatch entered = new CountDownLatch(1);
    List<Ping> received = Collections.synchronizedList(new ArrayList<>());
    subscribeBlocking(bus, entered, received);

    bus.publish(new Ping(1));
    await().atMost(HANG_GUARD).until(() -> entered.getCount() == 0);
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      bus.publish(new Ping(2));
      bus.publish(new Ping(3));
      bus.publish(new Ping(4));
      bus.publish(new Ping(5));
    });

    assertThat(bus.stats()).isEqualTo(new EventBusStats(3, 0, 0, 2));
    release.countDown();
    await().atMost(HANG_GUARD).until(() -> received.size() == 3);
    assertThat(received).containsExactly(new Ping(1), new Ping(2), new Ping(3));
    assertThat(bus.stats()).isEqualTo(new EventBusStats(3, 3, 0, 2));
  }

  @Test
  void publish_withTimeout_whenQueueStaysFull_givesUpAfterTimeout() {
    EventBus bus = bus(EventBusConfig.builder().setQueueCapacity(1)
        .setPublishTimeout(Duration.ofMillis(50)).build());
    CountDownLatch entered = new CountDownLatch(1);
    subscribeBlocking(bus, entered, Collections.synchronizedList(new ArrayList<>()));
    bus.publish(new Ping(1));
    await().atMost(HANG_GUARD).until(() -> entered.getCount() == 0);
    bus.publish(new Ping(2));

    assertTimeoutPreemptively(HANG_GUARD, () -> bus.publish(new Ping(3)));

    assertThat(bus.stats().rejected()).isEqualTo(1);
    assertThat(bus.stats().published()).isEqualTo(2);
  }

  @Test
  void publish_withTimeout_whenSpaceFreesUpWhileWaiting_isAccepted() throws Exception {
    EventBus bus = bus(EventBusConfig.builder().setQueueCapacity(1)
        .setPublishTimeout(Duration.ofSeconds(30)).build());
    CountDownLatch entered = new CountDownLatch(1);
    List<Ping> received = Collections.synchronizedList(new ArrayList<>());
    subscribeBlocking(bus, entered, received);
    bus.publish(new Ping(1));
    await().atMost(HANG_GUARD).until(() -> entered.getCount() == 0);
    bus.publish(new Ping(2));
    Thread publisher = new Thread(() -> bus.publish(new Ping(3)));
    publisher.start();
    await().atMost(HANG_GUARD).until(() -> publisher.getState() == Thread.State.TIMED_WAITING);

    release.countDown();
    publisher.join(HANG_GUARD.toMillis());

    await().atMost(HANG_GUARD).until(() -> received.size() == 3);
    assertThat(received).containsExactly(new Ping(1), new Ping(2), new Ping(3));
    assertThat(bus.stats().rejected()).isZero();
  }

  @Test
  void close_deliversEverythingQueuedBeforeReturning() {
    EventBus bus = bus(EventBusConfig.defaults());
    List<Ping> received = Collections.synchronizedList(new ArrayList<>());
    bus.subscribe(Ping.class, received::add);
    for (int i = 0; i < 1000; i++) {
      bus.publish(new Ping(i));
    }

    assertTimeoutPreemptively(HANG_GUARD, bus::close);

    assertThat(received).hasSize(1000);
    assertThat(bus.stats()).isEqualTo(new EventBusStats(1000, 1000, 0, 0));
  }

  @Test
  void close_whenSubscriberHangs_returnsAtDrainDeadlineAndCountsUndelivered() {
    EventBus bus = bus(EventBusConfig.builder().setQueueCapacity(10)
        .setDrainTimeout(Duration.ofMillis(100)).build());
    CountDownLatch entered = new CountDownLatch(1);
    List<Ping> received = Collections.synchronizedList(new ArrayList<>());
    subscribeBlocking(bus, entered, received);
    bus.publish(new Ping(1));
    await().atMost(HANG_GUARD).until(() -> entered.getCount() == 0);
    bus.publish(new Ping(2));
    bus.publish(new Ping(3));

    assertTimeoutPreemptively(HANG_GUARD, bus::close);

    // Ping 1 was in the subscriber's hands; 2 and 3 never got out of the queue.
    assertThat(bus.stats().published()).isEqualTo(3);
    assertThat(bus.stats().rejected()).isEqualTo(2);
    await().atMost(HANG_GUARD).until(() -> received.size() == 1);
    assertThat(received).containsExactly(new Ping(1));
  }

  @Test
  void close_fromSubscriber_returnsAtOnceAndQueuedEventsAreStillDelivered() {
    EventBus bus = bus(EventBusConfig.builder().setDrainTimeout(Duration.ofMinutes(5)).build());
    List<Ping> received = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    bus.subscribe(Ping.class, p -> {
      if (p.n() == 1) {
        entered.countDown();
        try {
          proceed.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        bus.close();
      }
      received.add(p);
    });
    bus.publish(new Ping(1));
    await().atMost(HANG_GUARD).until(() -> entered.getCount() == 0);
    bus.publish(new Ping(2));
    proceed.countDown();

    await().atMost(HANG_GUARD).until(() -> received.size() == 2);
    assertThat(received).containsExactly(new Ping(1), new Ping(2));
    bus.publish(new Ping(3));
    assertThat(bus.stats()).isEqualTo(new EventBusStats(2, 2, 0, 1));
  }

  @Test
  void publish_afterClose_isRejected() {
    EventBus bus = bus(EventBusConfig.defaults());
    List<Ping> received = Collections.synchronizedList(new ArrayList<>());
    bus.subscribe(Ping.class, received::add);
    bus.close();
    bus.close();

    bus.publish(new Ping(1));

    assertThat(received).isEmpty();
    assertThat(bus.stats()).isEqualTo(new EventBusStats(0, 0, 0, 1));
  }

  @Test
  void subscription_close_stopsAsyncDelivery() {
    EventBus bus = bus(EventBusConfig.defaults());
    List<Ping> kept = Collections.synchronizedList(new ArrayList<>());
    List<Ping> removed = Collections.synchronizedList(new ArrayList<>());
    bus.subscribe(Ping.class, kept::add);
    Subscription sub = bus.subscribe(Ping.class, removed::add);
    bus.publish(new Ping(1));
    await().atMost(HANG_GUARD).until(() -> removed.size() == 1);

    sub.close();
    bus.publish(new Ping(2));

    await().atMost(HANG_GUARD).until(() -> kept.size() == 2);
    assertThat(removed).containsExactly(new Ping(1));
  }

  private record Numbered(int publisher, int seq) {}

  @Test
  void publish_fromManyThreads_keepsPerPublisherOrderAndAccountsForEveryEvent() throws Exception {
    EventBus bus = bus(EventBusConfig.builder().setQueueCapacity(64).build());
    int publishers = 4;
    int perPublisher = 5000;
    int[] lastSeen = new int[publishers];
    java.util.Arrays.fill(lastSeen, -1);
    List<String> orderViolations = Collections.synchronizedList(new ArrayList<>());
    bus.subscribe(Numbered.class, e -> {
      if (e.seq() <= lastSeen[e.publisher()]) {
        orderViolations.add(e.toString());
      }
      lastSeen[e.publisher()] = e.seq();
    });
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < publishers; p++) {
      int publisher = p;
      threads.add(new Thread(() -> {
        for (int i = 0; i < perPublisher; i++) {
          bus.publish(new Numbered(publisher, i));
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join(HANG_GUARD.toMillis());
    }

    await().atMost(HANG_GUARD).until(() -> bus.stats().delivered() == bus.stats().published());
    EventBusStats stats = bus.stats();
    assertThat(stats.published() + stats.rejected()).isEqualTo(publishers * perPublisher);
    assertThat(orderViolations).isEmpty();
  }

  @Test
  void close_racingWithPublishers_countsEveryEventExactlyOnce() throws Exception {
    EventBus bus = bus(EventBusConfig.builder().setQueueCapacity(256).setDrainTimeout(Duration.ZERO).build());
    bus.subscribe(Numbered.class, e -> { });
    int publishers = 3;
    int perPublisher = 20_000;
    CountDownLatch started = new CountDownLatch(publishers);
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < publishers; p++) {
      int publisher = p;
      threads.add(new Thread(() -> {
        started.countDown();
        for (int i = 0; i < perPublisher; i++) {
          bus.publish(new Numbered(publisher, i));
        }
      }));
    }
    threads.forEach(Thread::start);
    started.await(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);

    assertTimeoutPreemptively(HANG_GUARD, bus::close);
    for (Thread t : threads) {
      t.join(HANG_GUARD.toMillis());
    }

    // Every attempt ends up either delivered or rejected (refused at publish or drained at close).
    long attempts = (long) publishers * perPublisher;
    await().atMost(HANG_GUARD).until(() -> bus.stats().delivered() + bus.stats().rejected() == attempts);
    assertThat(bus.stats().subscriberFailures()).isZero();
  }

  @Test
  void async_rejectsNullArguments() {
    assertThatThrownBy(() -> EventBus.async(null, f -> { })).hasMessage("config");
    assertThatThrownBy(() -> EventBus.async(EventBusConfig.defaults(), null)).hasMessage("failureHandler");
  }
}
