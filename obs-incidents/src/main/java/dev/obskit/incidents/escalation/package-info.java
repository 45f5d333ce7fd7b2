/**
 * Escalation policies (ordered steps, targets, waits, repeats, urgency by severity), responders
 * with contact methods, and the {@link dev.obskit.incidents.escalation.EscalationEngine} that runs
 * them on the module clock, driven by {@link dev.obskit.incidents.escalation.EscalationDriver} in
 * production and by {@code tick()} in tests.
 */
package dev.obskit.incidents.escalation;
