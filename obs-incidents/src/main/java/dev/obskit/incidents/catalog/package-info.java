/**
 * The service catalog: services with owner, escalation policy, runbook and metadata, and the rules
 * that map an alert (source, monitor, error project, component) to a service.
 */
package dev.obskit.incidents.catalog;
