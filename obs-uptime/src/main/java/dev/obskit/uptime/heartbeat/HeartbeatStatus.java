package dev.obskit.uptime.heartbeat;

import dev.obskit.uptime.state.MonitorState;
import java.time.Instant;
import java.util.Optional;

/**
 * A heartbeat's current status. Immutable.
 *
 * @param state PENDING (no ping yet), UP, DOWN, MAINTENANCE or PAUSED
 * @param lastPingAt the last successful ping
 * @param deadline when the next ping is due at the latest (last ping + period + grace)
 * @param lastFailure the last failure message (missed ping or "fail" ping), empty if none
 * @param lastExitCode the exit code of the last "fail" ping
 */
public record HeartbeatStatus(MonitorState state, Optional<Instant> lastPingAt,
    Optional<Instant> deadline, String lastFailure, Optional<Integer> lastExitCode) {}
