/**
 * The incident aggregate and its commands. {@link dev.obskit.incidents.incident.IncidentService}
 * applies every transition exactly once under concurrent callers through optimistic versioning and
 * answers expected conflicts with {@link dev.obskit.incidents.incident.TransitionResult}, never
 * exceptions. The timeline is append-only and stored in the same version as the state it describes.
 * Value types are immutable; the service is thread-safe.
 */
package dev.obskit.incidents.incident;
