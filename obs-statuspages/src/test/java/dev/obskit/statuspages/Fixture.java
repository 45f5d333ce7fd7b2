package dev.obskit.statuspages;

import dev.obskit.core.ObsKit;
import dev.obskit.core.availability.AvailabilityView;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.RecordingNotifier;
import dev.obskit.core.time.ManualClock;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** A kit with the status pages module, a fake availability view and recording notifiers. */
final class Fixture implements AutoCloseable {
  static final TeamId TEAM = TeamId.of("acme");
  static final StatusPageId PAGE = StatusPageId.of("acme");
  static final ResourceId API = ResourceId.of("api");
  static final ResourceId WEB = ResourceId.of("web");
  static final ResourceId CDN = ResourceId.of("cdn");
  static final MonitorId API_MONITOR = MonitorId.of("api-monitor");
  static final MonitorId WEB_MONITOR = MonitorId.of("web-monitor");

  final ManualClock clock;
  final FakeAvailability view = new FakeAvailability();
  final RecordingNotifier email = RecordingNotifier.forChannel(ChannelKind.EMAIL);
  final RecordingNotifier sms = RecordingNotifier.forChannel(ChannelKind.SMS);
  final ObsKit kit;
  final StatusPagesModule module;
  final StatusPages pages;

  Fixture(String now, UnaryOperator<StatusPagesConfig.Builder> config,
      UnaryOperator<StatusPage.Builder> page) {
    clock = ManualClock.startingAt(now);
    StatusPagesConfig cfg = config.apply(StatusPagesConfig.builder().setDriverEnabled(false)
        .setDeliveryExecutor(Runnable::run).addNotifier(email).addNotifier(sms)).build();
    kit = ObsKit.builder().setClock(clock).addModule(ctx -> {
      ctx.register(AvailabilityView.class, view);
      return StatusPagesModule.create(ctx, cfg);
    }).build().start();
    module = kit.module(StatusPagesModule.class);
    pages = module.pages();
    pages.createPage(page.apply(StatusPage.builder(PAGE, TEAM, "Acme status",
            Instant.parse(now).minusSeconds(400L * 86_400))
        .addSection(Section.of("Core", Resource.monitor(API, "Public API", API_MONITOR),
            Resource.monitor(WEB, "Website", WEB_MONITOR)))
        .addSection(Section.of("Edge", Resource.manual(CDN, "CDN")))).build());
  }

  Fixture(String now) {
    this(now, c -> c, p -> p);
  }

  @Override
  public void close() {
    kit.close();
  }
}
