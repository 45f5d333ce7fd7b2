package dev.obskit.core.usage;

/** Names of the meters ObsKit's own modules feed. A host may publish its own meter names too. */
public final class Meters {
  /** Log bytes shipped by obs-telemetry. */
  public static final String LOG_BYTES = "telemetry.logs.bytes";
  /** Trace (span) bytes shipped by obs-telemetry. */
  public static final String TRACE_BYTES = "telemetry.traces.bytes";
  /** Metric data points shipped by obs-telemetry. */
  public static final String METRIC_POINTS = "telemetry.metrics.points";
  /** Error events accepted by obs-errors. */
  public static final String ERROR_EVENTS = "errors.events";
  /** Uptime monitors active (obs-uptime reports the current count). */
  public static final String MONITORS = "uptime.monitors";
  /** Heartbeat monitors active. */
  public static final String HEARTBEATS = "uptime.heartbeats";
  /** Responders (on-call users) configured in obs-incidents. */
  public static final String RESPONDERS = "incidents.responders";
  /** Status page subscribers. */
  public static final String STATUS_PAGE_SUBSCRIBERS = "incidents.status_page_subscribers";
  /** HTTP traffic bytes reported by the host. */
  public static final String HTTP_TRAFFIC_BYTES = "host.http_traffic.bytes";
  /** Storage bytes reported by the host. */
  public static final String STORAGE_BYTES = "host.storage.bytes";
  /** LLM input tokens (dimension {@code model}, {@code user}). */
  public static final String LLM_INPUT_TOKENS = "ai.tokens.input";
  /** LLM output tokens (dimension {@code model}, {@code user}). */
  public static final String LLM_OUTPUT_TOKENS = "ai.tokens.output";

  private Meters() {}
}
