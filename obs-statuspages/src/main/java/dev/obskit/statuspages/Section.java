package dev.obskit.statuspages;

import java.util.List;
import java.util.Objects;

/**
 * A titled group of resources on a page. Immutable.
 *
 * @param name the heading (may be empty for an untitled group)
 * @param resources in display order
 */
public record Section(String name, List<Resource> resources) {
  /** Copies the resources. */
  public Section {
    Objects.requireNonNull(name, "name");
    resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
  }

  /** Returns a section of {@code resources}. */
  public static Section of(String name, Resource... resources) {
    return new Section(name, List.of(resources));
  }
}
