package dev.obskit.core.id;

/**
 * Identifies an escalation policy. Immutable.
 *
 * @param value the identifier, 1 to 128 characters of {@code [A-Za-z0-9._:@-]}
 */
public record EscalationPolicyId(String value) implements TypedId {
  /** Validates {@code value}; see {@link IdFormat}. */
  public EscalationPolicyId {
    IdFormat.check("EscalationPolicyId", value);
  }

  /** Returns the id for {@code value}. */
  public static EscalationPolicyId of(String value) {
    return new EscalationPolicyId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
