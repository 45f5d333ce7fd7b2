package dev.obskit.uptime.history;

import dev.obskit.core.id.MonitorId;
import dev.obskit.uptime.state.MachineSnapshot;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One monitor (or heartbeat) in a history snapshot: its state machine's snapshot, when it has a
 * state machine, and its availability history as the opaque versioned blob of {@code
 * AvailabilityStore.export} (empty when it has none). Immutable: the blob is copied in and out.
 */
public final class MonitorRecord {
  private final MonitorId id;
  private final Optional<MachineSnapshot> state;
  private final byte[] availability;

  /** Creates a record; {@code availability} is copied. */
  public MonitorRecord(MonitorId id, Optional<MachineSnapshot> state, byte[] availability) {
    this.id = Objects.requireNonNull(id, "id");
    this.state = Objects.requireNonNull(state, "state");
    this.availability = Objects.requireNonNull(availability, "availability").clone();
  }

  /** Returns the monitor id. */
  public MonitorId id() {
    return id;
  }

  /** Returns the state machine snapshot, empty for a heartbeat or a removed monitor. */
  public Optional<MachineSnapshot> state() {
    return state;
  }

  /** Returns a copy of the availability blob (empty array when none). */
  public byte[] availability() {
    return availability.clone();
  }

  /** The blob itself, for writers in this package (never exposed). */
  byte[] blob() {
    return availability;
  }

  /** Returns the blob's length without copying it. */
  public int availabilityLength() {
    return availability.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MonitorRecord r && id.equals(r.id) && state.equals(r.state)
        && Arrays.equals(availability, r.availability);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, state, Arrays.hashCode(availability));
  }

  @Override
  public String toString() {
    return "MonitorRecord[" + id.value() + ", " + state + ", " + availability.length + " bytes]";
  }
}
