package dev.obskit.samples.quickstart;

import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every demo section shares: the demo team, a clock the demo advances itself (so "an endpoint
 * fails for five minutes" takes milliseconds), a data directory, and a place to leave facts for
 * later sections (the billing section reads what the others produced).
 *
 * @param team the demo team every aggregate belongs to
 * @param clock simulated time, shared by every module of the kit
 * @param dataDir where durable state (telemetry buffer, log files) goes
 * @param facts key/value facts sections leave for each other
 */
record DemoEnvironment(TeamId team, ManualClock clock, Path dataDir, Map<String, Object> facts) {
  static DemoEnvironment create(ManualClock clock, Path dataDir) {
    return new DemoEnvironment(TeamId.of("demo-team"), clock, dataDir, new ConcurrentHashMap<>());
  }
}
