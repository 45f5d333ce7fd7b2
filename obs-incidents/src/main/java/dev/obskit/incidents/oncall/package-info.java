/**
 * On-call schedules, after Grafana OnCall's model: a {@link dev.obskit.incidents.oncall.Schedule}
 * has {@link dev.obskit.incidents.oncall.Layer layers} (each a
 * {@link dev.obskit.incidents.oncall.Rotation} at a priority), overrides on top, and
 * {@link dev.obskit.incidents.oncall.CoverRequest cover requests}. The
 * {@link dev.obskit.incidents.oncall.ScheduleService} resolves them into a
 * {@link dev.obskit.incidents.oncall.FinalSchedule} (overrides and accepted covers first, then
 * layers by priority with clipping, gaps reported) and answers escalation's
 * {@link dev.obskit.incidents.oncall.OnCallDirectory} from a cache.
 *
 * <p>Rotation times are local wall-clock times in the layer's zone, so hand-offs keep their local
 * time across DST changes and the shift spanning a change is 23/25 h (or 167/169 h) of real time.
 * All value types are immutable; services are thread-safe.
 */
package dev.obskit.incidents.oncall;
