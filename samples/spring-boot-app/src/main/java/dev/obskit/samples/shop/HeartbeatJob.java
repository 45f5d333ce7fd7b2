package dev.obskit.samples.shop;

import dev.obskit.core.ObsKit;
import dev.obskit.uptime.UptimeModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The shop's nightly-style job, here every 30 s: it reindexes the catalog and then checks in with
 * its ObsKit heartbeat ({@code shop-reindex} in {@code monitors.yaml}); if it stops checking in, the
 * heartbeat goes DOWN and pages. A cron job outside the JVM would {@code curl} the heartbeat URL
 * instead (the demo prints it).
 */
@Component
public class HeartbeatJob {
  private static final Logger log = LoggerFactory.getLogger(HeartbeatJob.class);
  private final ObsKit kit;

  public HeartbeatJob(ObsKit kit) {
    this.kit = kit;
  }

  @Scheduled(initialDelayString = "${shop.reindex.initial-delay:5s}", fixedRateString = "${shop.reindex.every:30s}")
  public void reindex() {
    log.info("catalog reindexed");
    kit.findModule(UptimeModule.class).ifPresent(u -> u.heartbeats().ping("shop-reindex"));
  }
}
