package dev.obskit.incidents.oncall;

/** What decided a {@link FinalShift}. */
public enum ShiftSource {
  /** An override; {@link FinalShift#origin()} is its id. */
  OVERRIDE,
  /** A layer's rotation; {@link FinalShift#origin()} is the layer name. */
  LAYER,
  /** Nobody is on call; {@link FinalShift#users()} is empty. */
  GAP
}
