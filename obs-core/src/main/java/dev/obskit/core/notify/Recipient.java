package dev.obskit.core.notify;

import java.util.Objects;

/**
 * Where a notification goes: a channel kind and its address (webhook URL, e-mail address, E.164
 * phone number), plus the display name of the person or room. Immutable.
 *
 * <p>{@code toString()} hides the address, because webhook URLs carry secrets.
 *
 * @param channel the channel kind
 * @param address the channel-specific address
 * @param displayName a human name for timelines, never the address
 */
public record Recipient(ChannelKind channel, String address, String displayName) {
  /** Validates that no component is null or blank. */
  public Recipient {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(displayName, "displayName");
    if (address.isBlank()) {
      throw new IllegalArgumentException("address must not be blank for " + displayName);
    }
  }

  @Override
  public String toString() {
    return "Recipient{" + channel + ", " + displayName + "}";
  }
}
