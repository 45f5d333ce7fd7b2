package dev.obskit.incidents.oncall;

import dev.obskit.core.ObsContext;
import dev.obskit.core.ObsModule;
import dev.obskit.incidents.oncall.ical.OnCallCalendars;
import dev.obskit.incidents.oncall.ical.OverrideFeedParser;
import java.util.Objects;

/**
 * The on-call schedules module: creates a {@link ScheduleService} on the kit's clock and id
 * generator and registers it in the context as {@link ScheduleService} and as the kit's
 * {@link OnCallDirectory}, which the incidents module's escalation engine asks at paging time.
 * Also registers {@link OnCallCalendars} for iCal export and import. Host usage:
 *
 * <pre>{@code
 * ObsKit kit = ObsKit.builder()
 *     .addModule(OnCallModule::create)
 *     .addModule(IncidentsModule::create)
 *     .build().start();
 * ScheduleService schedules = kit.module(OnCallModule.class).schedules();
 * }</pre>
 *
 * No background work: {@link #start()} and {@link #shutdown} do nothing. Thread-safe.
 */
public final class OnCallModule implements ObsModule {
  /** The module's name. */
  public static final String NAME = "oncall";

  private final ScheduleService schedules;
  private final OnCallCalendars calendars;

  private OnCallModule(ScheduleService schedules, OnCallCalendars calendars) {
    this.schedules = schedules;
    this.calendars = calendars;
  }

  /** Creates the module with settings from {@code obs.incidents.oncall.*}; see {@link OnCallConfig}. */
  public static OnCallModule create(ObsContext ctx) {
    return create(ctx, OnCallConfig.fromConfig(ctx.config()),
        ctx.repository(ScheduleRepository.class, ScheduleRepository::inMemory));
  }

  /**
   * Creates the module over {@code repository} and registers its services in {@code ctx}; throws
   * {@link IllegalStateException} if another {@link OnCallDirectory} is already registered.
   */
  public static OnCallModule create(ObsContext ctx, OnCallConfig config,
      ScheduleRepository repository) {
    Objects.requireNonNull(ctx, "ctx");
    ScheduleService schedules = ScheduleService.builder().setClock(ctx.clock())
        .setIdGenerator(ctx.ids()).setConfig(config).setRepository(repository).build();
    OnCallCalendars calendars = new OnCallCalendars(schedules, ctx.clock(),
        OverrideFeedParser.withDefaults());
    ctx.register(OnCallDirectory.class, schedules);
    ctx.register(ScheduleService.class, schedules);
    ctx.register(OnCallCalendars.class, calendars);
    return new OnCallModule(schedules, calendars);
  }

  /** Returns the schedules service. */
  public ScheduleService schedules() {
    return schedules;
  }

  /** Returns iCal export and import over {@link #schedules()}. */
  public OnCallCalendars calendars() {
    return calendars;
  }

  @Override
  public String name() {
    return NAME;
  }
}
