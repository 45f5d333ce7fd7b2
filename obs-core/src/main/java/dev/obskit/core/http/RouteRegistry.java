package dev.obskit.core.http;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where modules register their {@link RouteGroup}s with the kit (at creation or start), and where
 * adapters read them ({@code ObsKit.router()}). Thread-safe.
 */
public final class RouteRegistry {
  private final List<RouteGroup> groups = new CopyOnWriteArrayList<>();

  private RouteRegistry() {}

  /** Returns an empty registry. */
  public static RouteRegistry create() {
    return new RouteRegistry();
  }

  /** Adds {@code group}. Conflicting routes are reported when a router is built. */
  public void add(RouteGroup group) {
    groups.add(Objects.requireNonNull(group, "group"));
  }

  /** Returns every group registered so far, in registration order. */
  public List<RouteGroup> groups() {
    return List.copyOf(groups);
  }
}
