package dev.obskit.core.http;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Routes a module registers together under a name ({@code errors}, {@code heartbeats},
 * {@code statuspages}, {@code api}, {@code health}, {@code tail}, ...). A host switches a group
 * off with {@code obs.http.<name>.enabled=false}; several modules may register groups of the same
 * name (each module's part of the JSON {@code api}), and the switch covers all of them. Immutable.
 */
public final class RouteGroup {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
  private final String name;
  private final List<Route> routes;

  private RouteGroup(String name, List<Route> routes) {
    if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
      throw new IllegalArgumentException("group name must match " + NAME + ", got '" + name + "'");
    }
    this.name = name;
    this.routes = List.copyOf(routes);
  }

  /** Creates a group. */
  public static RouteGroup of(String name, List<Route> routes) {
    return new RouteGroup(name, Objects.requireNonNull(routes, "routes"));
  }

  /** Creates a group. */
  public static RouteGroup of(String name, Route... routes) {
    return of(name, Arrays.asList(routes));
  }

  /** Returns the group's name. */
  public String name() {
    return name;
  }

  /** Returns the routes. */
  public List<Route> routes() {
    return routes;
  }

  @Override
  public String toString() {
    return name + routes;
  }
}
