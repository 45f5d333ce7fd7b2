package dev.obskit.incidents.oncall;

import dev.obskit.core.config.Checks;
import java.util.Objects;

/**
 * One layer of a schedule: a rotation at a priority level. Where layers overlap the higher
 * {@link #priority()} wins and lower layers only fill its gaps (Grafana OnCall's
 * {@code priority_level}). Where layers of equal priority overlap, the users of both are on call.
 * Immutable.
 *
 * @param name shown in final shifts and iCal exports, e.g. {@code "[L1] Primary"}
 * @param priority higher wins; 0 to {@value #MAX_PRIORITY}
 * @param rotation who is on call when
 */
public record Layer(String name, int priority, Rotation rotation) {
  /** Largest accepted priority. */
  public static final int MAX_PRIORITY = 1000;
  /** Longest accepted name. */
  public static final int MAX_NAME_LENGTH = 200;

  /** Validates the components, naming the bad value. */
  public Layer {
    Checks.notBlank("name", name);
    if (name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "layer name must be at most " + MAX_NAME_LENGTH + " characters, got " + name.length());
    }
    if (priority < 0 || priority > MAX_PRIORITY) {
      throw new IllegalArgumentException(
          "priority must be between 0 and " + MAX_PRIORITY + ", got " + priority);
    }
    Objects.requireNonNull(rotation, "rotation");
  }

  /** Returns the layer. */
  public static Layer of(String name, int priority, Rotation rotation) {
    return new Layer(name, priority, rotation);
  }
}
