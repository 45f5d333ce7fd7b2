package dev.obskit.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SynchronousEventBusTest {
  private final List<SubscriberFailure> failures = new ArrayList<>();
  private final EventBus bus = EventBus.synchronous(failures::add);

  private record Ping(int n) {}

  private record Pong(String s) {}

  @Test
  void publish_deliversOnCallerThreadInPublicationOrder() {
    List<String> seen = new ArrayList<>();
    Thread caller = Thread.currentThread();
    bus.subscribe(Ping.class, p -> {
      assertThat(Thread.currentThread()).isSameAs(caller);
      seen.add("a" + p.n());
    });
    bus.subscribe(Ping.class, p -> seen.add("b" + p.n()));

    bus.publish(new Ping(1));
    bus.publish(new Ping(2));

    assertThat(seen).containsExactly("a1", "b1", "a2", "b2");
  }

  @Test
  void publish_deliversOnlyToSubscribersOfTheEventTypeOrASupertype() {
    List<Object> objects = new ArrayList<>();
    List<Record> records = new ArrayList<>();
    List<Pong> pongs = new ArrayList<>();
    List<CharSequence> chars = new ArrayList<>();
    bus.subscribe(Object.class, objects::add);
    bus.subscribe(Record.class, records::add);
    bus.subscribe(Pong.class, pongs::add);
    bus.subscribe(CharSequence.class, chars::add);

    bus.publish(new Ping(1));
    bus.publish("text");
    bus.publish(new StringBuilder("sb"));

    assertThat(objects).hasSize(3);
    assertThat(records).containsExactly(new Ping(1));
    assertThat(pongs).isEmpty();
    assertThat(chars).hasSize(2);
  }

  @Test
  void publish_whenSubscriberThrows_othersStillReceiveAndFailureIsReported() {
    List<Ping> before = new ArrayList<>();
    List<Ping> after = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("boom");
    bus.subscribe(Ping.class, before::add);
    bus.subscribe(Ping.class, p -> {
      throw boom;
    });
    bus.subscribe(Ping.class, after::add);

    bus.publish(new Ping(7));

    assertThat(before).containsExactly(new Ping(7));
    assertThat(after).containsExactly(new Ping(7));
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0).event()).isEqualTo(new Ping(7));
    assertThat(failures.get(0).error()).isSameAs(boom);
    assertThat(failures.get(0).subscriber()).startsWith(SynchronousEventBusTest.class.getName());
    assertThat(bus.stats()).isEqualTo(new EventBusStats(1, 2, 1, 0));
  }

  @Test
  void publish_whenSubscriberHitsMissingClass_reportsItAndOthersStillReceive() {
    List<Ping> received = new ArrayList<>();
    bus.subscribe(Ping.class, p -> {
      throw new NoClassDefFoundError("com/example/Missing");
    });
    bus.subscribe(Ping.class, received::add);

    bus.publish(new Ping(1));

    assertThat(received).containsExactly(new Ping(1));
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0).error()).hasMessageContaining("com/example/Missing")
        .hasCauseInstanceOf(NoClassDefFoundError.class);
  }

  @Test
  void publish_whenFailureHandlerItselfThrows_isSurvived() {
    EventBus fragile = EventBus.synchronous(f -> {
      throw new IllegalArgumentException("handler bug");
    });
    List<Ping> received = new ArrayList<>();
    fragile.subscribe(Ping.class, p -> {
      throw new IllegalStateException("subscriber bug");
    });
    fragile.subscribe(Ping.class, received::add);

    fragile.publish(new Ping(1));
    fragile.publish(new Ping(2));

    assertThat(received).containsExactly(new Ping(1), new Ping(2));
    assertThat(fragile.stats().subscriberFailures()).isEqualTo(2);
  }

  @Test
  void subscription_close_stopsDeliveryAndIsIdempotent() {
    List<Ping> received = new ArrayList<>();
    Subscription sub = bus.subscribe(Ping.class, received::add);
    bus.publish(new Ping(1));

    sub.close();
    sub.close();
    bus.publish(new Ping(2));

    assertThat(received).containsExactly(new Ping(1));
  }

  @Test
  void subscribe_sameConsumerTwice_receivesTwiceAndUnsubscribesIndependently() {
    List<Ping> received = new ArrayList<>();
    java.util.function.Consumer<Ping> consumer = received::add;
    Subscription first = bus.subscribe(Ping.class, consumer);
    bus.subscribe(Ping.class, consumer);

    bus.publish(new Ping(1));
    first.close();
    bus.publish(new Ping(2));

    assertThat(received).containsExactly(new Ping(1), new Ping(1), new Ping(2));
  }

  @Test
  void subscriber_mayUnsubscribeAndPublishWhileBeingDelivered() {
    List<Object> received = new ArrayList<>();
    Subscription[] self = new Subscription[1];
    self[0] = bus.subscribe(Ping.class, p -> {
      received.add(p);
      self[0].close();
      bus.publish(new Pong("from subscriber"));
    });
    bus.subscribe(Pong.class, received::add);

    bus.publish(new Ping(1));
    bus.publish(new Ping(2));

    assertThat(received).containsExactly(new Ping(1), new Pong("from subscriber"));
  }

  @Test
  void publish_afterClose_isRejectedAndCounted() {
    List<Ping> received = new ArrayList<>();
    bus.subscribe(Ping.class, received::add);
    bus.close();

    bus.publish(new Ping(1));

    assertThat(received).isEmpty();
    assertThat(bus.stats()).isEqualTo(new EventBusStats(0, 0, 0, 1));
  }

  @Test
  void publishAndSubscribe_rejectNulls() {
    assertThatThrownBy(() -> bus.publish(null)).hasMessage("event");
    assertThatThrownBy(() -> bus.subscribe(null, e -> { })).hasMessage("type");
    assertThatThrownBy(() -> bus.subscribe(Ping.class, null)).hasMessage("subscriber");
    assertThatThrownBy(() -> EventBus.synchronous(null)).hasMessage("failureHandler");
  }

  @Test
  void stats_countPublishedDeliveredAndFailures() {
    bus.subscribe(Ping.class, p -> { });
    bus.subscribe(Object.class, p -> { });
    bus.subscribe(Pong.class, p -> {
      throw new IllegalStateException();
    });

    bus.publish(new Ping(1));
    bus.publish(new Ping(2));
    bus.publish(new Pong("x"));

    assertThat(bus.stats()).isEqualTo(new EventBusStats(3, 5, 1, 0));
  }

  @Test
  void loggingHandler_doesNotThrow() {
    SubscriberFailureHandler.logging().onFailure(
        new SubscriberFailure(new Ping(1), "sub", new IllegalStateException("logged, not thrown")));
  }
}
