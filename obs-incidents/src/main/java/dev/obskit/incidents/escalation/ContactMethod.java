package dev.obskit.incidents.escalation;

import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.Urgency;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How to reach a responder, and for which urgencies (PagerDuty's notification rules). Immutable.
 * {@code toString()} hides the address: personal webhook URLs carry secrets, phone numbers and
 * e-mail addresses are personal data.
 *
 * @param channel the channel
 * @param address phone number (E.164), e-mail address or personal webhook URL
 * @param urgencies which urgencies use this method, at least one
 */
public record ContactMethod(ChannelKind channel, String address, Set<Urgency> urgencies) {
  /** Validates and copies the components. */
  public ContactMethod {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(address, "address");
    if (address.isBlank()) {
      throw new IllegalArgumentException("contact address must not be blank for " + channel);
    }
    if (urgencies.isEmpty()) {
      throw new IllegalArgumentException("a contact method needs at least one urgency");
    }
    urgencies = Set.copyOf(EnumSet.copyOf(urgencies));
  }

  /** Returns a method used for both urgencies. */
  public static ContactMethod always(ChannelKind channel, String address) {
    return new ContactMethod(channel, address, EnumSet.allOf(Urgency.class));
  }

  /** Returns a method used only for HIGH urgency (wake me). */
  public static ContactMethod highUrgency(ChannelKind channel, String address) {
    return new ContactMethod(channel, address, EnumSet.of(Urgency.HIGH));
  }

  /** Returns a method used only for LOW urgency. */
  public static ContactMethod lowUrgency(ChannelKind channel, String address) {
    return new ContactMethod(channel, address, EnumSet.of(Urgency.LOW));
  }

  @Override
  public String toString() {
    return "ContactMethod[channel=" + channel + ", address=(hidden), urgencies=" + urgencies + "]";
  }
}
