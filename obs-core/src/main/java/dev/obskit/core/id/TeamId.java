package dev.obskit.core.id;

/**
 * The tenant every stored aggregate belongs to. Hosts that embed ObsKit in a multi-tenant product
 * map their own account or organisation id onto a {@code TeamId}; every repository query is scoped
 * by it. Immutable.
 *
 * @param value the identifier, 1 to 128 characters of {@code [A-Za-z0-9._:@-]}
 */
public record TeamId(String value) implements TypedId {
  /** Validates {@code value}; see {@link IdFormat}. */
  public TeamId {
    IdFormat.check("TeamId", value);
  }

  /** Returns the id for {@code value}. */
  public static TeamId of(String value) {
    return new TeamId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
