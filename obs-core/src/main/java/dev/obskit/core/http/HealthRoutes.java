package dev.obskit.core.http;

import dev.obskit.core.ObsModule;
import dev.obskit.core.health.Health;
import dev.obskit.core.health.HealthStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The health route, group {@code health}: {@code GET /health} answers each module's {@link
 * ObsModule#health()} as JSON ({@code {"status":"UP","modules":{"uptime":{"status":"DEGRADED",
 * "reasons":[...],"details":{...}}}}}), the kit's status being the worst module's. 200 unless a
 * module is DOWN (503), so a load balancer can use it. A module whose health check throws counts as
 * DOWN with a reason that names no internal detail. Thread-safe.
 */
public final class HealthRoutes {
  private HealthRoutes() {}

  /** Returns the {@code health} group over the modules {@code modules} supplies. */
  public static RouteGroup group(Supplier<List<ObsModule>> modules) {
    return RouteGroup.of("health", Route.get("/health", r -> answer(modules.get())));
  }

  static HttpResponse answer(List<ObsModule> modules) {
    HealthStatus worst = HealthStatus.UP;
    StringBuilder body = new StringBuilder("{\"modules\":{");
    boolean first = true;
    for (ObsModule m : modules) {
      Health h = healthOf(m);
      worst = h.status().ordinal() > worst.ordinal() ? h.status() : worst;
      body.append(first ? "" : ",").append(HttpText.json(m.name())).append(':').append(json(h));
      first = false;
    }
    body.append("},\"status\":").append(HttpText.json(worst.name())).append('}');
    return HttpResponse.builder().status(worst == HealthStatus.DOWN ? 503 : 200)
        .body("application/json", body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .header("Cache-Control", "no-store").build();
  }

  private static Health healthOf(ObsModule m) {
    try {
      Health h = m.health();
      return h != null ? h : Health.builder().down("health check returned nothing").build();
    } catch (RuntimeException | LinkageError e) {
      return Health.builder().down("health check failed").build();
    }
  }

  private static String json(Health h) {
    StringBuilder b = new StringBuilder("{\"status\":").append(HttpText.json(h.status().name()))
        .append(",\"reasons\":[");
    for (int i = 0; i < h.reasons().size(); i++) {
      b.append(i == 0 ? "" : ",").append(HttpText.json(h.reasons().get(i)));
    }
    b.append("],\"details\":{");
    boolean first = true;
    for (Map.Entry<String, Object> e : h.details().entrySet()) {
      b.append(first ? "" : ",").append(HttpText.json(e.getKey())).append(':').append(value(e.getValue()));
      first = false;
    }
    return b.append("}}").toString();
  }

  private static String value(Object v) {
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    return HttpText.json(String.valueOf(v));
  }
}
