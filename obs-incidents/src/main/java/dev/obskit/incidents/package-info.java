/**
 * obs-incidents: turns core alerts into incidents, escalates them along policies to the people on
 * call, notifies through real channels, measures the response and drafts the postmortem. Entry
 * point: {@link dev.obskit.incidents.IncidentsModule}; settings: {@link
 * dev.obskit.incidents.IncidentsConfig}. Sub-packages: {@code catalog} (services and alert
 * mapping), {@code incident} (the aggregate, its lifecycle and timeline), {@code escalation}
 * (policies, responders, the engine and its driver), {@code notify} (dispatcher and channels),
 * {@code metrics}, {@code postmortem}, {@code store} (in-memory repositories) and {@code oncall}
 * (schedules).
 */
package dev.obskit.incidents;
