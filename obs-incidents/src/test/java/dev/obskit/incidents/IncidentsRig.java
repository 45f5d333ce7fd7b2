package dev.obskit.incidents;

import static org.awaitility.Awaitility.await;

import dev.obskit.core.event.EventBus;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.RecordingNotifier;
import dev.obskit.core.time.ManualClock;
import dev.obskit.incidents.escalation.ContactMethod;
import dev.obskit.incidents.escalation.EscalationEngine;
import dev.obskit.incidents.escalation.Responder;
import dev.obskit.incidents.incident.IncidentService;
import dev.obskit.incidents.notify.ActionLinks;
import dev.obskit.incidents.notify.IncidentNotifications;
import dev.obskit.incidents.notify.NotificationDispatcher;
import dev.obskit.incidents.notify.RetryPolicy;
import dev.obskit.incidents.store.InMemoryEscalationPolicyRepository;
import dev.obskit.incidents.store.InMemoryIncidentRepository;
import dev.obskit.incidents.store.InMemoryResponderDirectory;
import dev.obskit.incidents.store.InMemoryServiceCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Everything an incident test needs, wired by hand on a ManualClock with recording notifiers. */
public final class IncidentsRig implements AutoCloseable {
  public static final TeamId TEAM = TeamId.of("team-a");
  public static final UserId ALICE = UserId.of("alice");
  public static final UserId BOB = UserId.of("bob");
  public static final UserId CAROL = UserId.of("carol");

  public final ManualClock clock = ManualClock.startingAt("2026-03-02T09:00:00Z");
  public final EventBus bus = EventBus.synchronous();
  public final InMemoryIncidentRepository repository = new InMemoryIncidentRepository();
  public final InMemoryServiceCatalog catalog = new InMemoryServiceCatalog();
  public final InMemoryEscalationPolicyRepository policies = new InMemoryEscalationPolicyRepository();
  public final InMemoryResponderDirectory responders = new InMemoryResponderDirectory();
  public final FakeOnCall onCall = new FakeOnCall();
  public final Map<ChannelKind, RecordingNotifier> sent = new EnumMap<>(ChannelKind.class);
  public final IncidentService incidents;
  public final NotificationDispatcher dispatcher;
  public final EscalationEngine engine;

  public IncidentsRig() {
    this(EscalationEngine.DEFAULT_ACK_TIMEOUT);
  }

  public IncidentsRig(Duration ackTimeout) {
    this(ackTimeout, null);
  }

  /** A rig whose escalation asks {@code directory} who is on call (null: the {@link FakeOnCall}). */
  public IncidentsRig(Duration ackTimeout, dev.obskit.incidents.oncall.OnCallDirectory directory) {
    incidents = new IncidentService(repository, clock, IdGenerator.sequential("inc"), bus);
    NotificationDispatcher.Builder d = NotificationDispatcher.builder(clock)
        .setRetryPolicy(new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO));
    for (ChannelKind kind : ChannelKind.values()) {
      RecordingNotifier n = RecordingNotifier.forChannel(kind);
      sent.put(kind, n);
      d.addNotifier(n);
    }
    dispatcher = d.build();
    engine = EscalationEngine.builder().setIncidents(incidents).setPolicies(policies)
        .setResponders(responders).setOnCall(directory == null ? onCall : directory).setCatalog(catalog).setDispatcher(dispatcher)
        .setRenderer(new IncidentNotifications(new ActionLinks("https://obs.example/incidents",
            "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8))))
        .setClock(clock).setAckTimeout(ackTimeout).build();
    incidents.addListener(engine);
    responders.put(new Responder(ALICE, TEAM, "Alice", List.of(
        ContactMethod.highUrgency(ChannelKind.SMS, "+15550001"),
        ContactMethod.always(ChannelKind.EMAIL, "alice@example.com"))));
    responders.put(new Responder(BOB, TEAM, "Bob", List.of(
        ContactMethod.highUrgency(ChannelKind.VOICE, "+15550002"))));
    responders.put(new Responder(CAROL, TEAM, "Carol", List.of(
        ContactMethod.always(ChannelKind.EMAIL, "carol@example.com"))));
  }

  /** Waits until every queued notification has been attempted. */
  public void drain() {
    await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.pending() == 0);
  }

  /** Returns the display names paged on {@code channel} so far, in order (after draining). */
  public List<String> pagedVia(ChannelKind channel) {
    drain();
    return sent.get(channel).sent().stream().map(n -> n.recipient().displayName()).toList();
  }

  @Override
  public void close() {
    dispatcher.close();
  }
}
