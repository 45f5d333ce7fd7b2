package dev.obskit.incidents.incident;

/** Incident-response roles. At most one user holds each role at a time, except responders. */
public enum IncidentRole {
  /** Runs the response and makes the calls. */
  COMMANDER,
  /** Backs up the commander. */
  DEPUTY,
  /** Leads the technical investigation (a.k.a. tech lead). */
  LEAD,
  /** Works on the incident; any number of users. */
  RESPONDER;

  /** Returns whether only one user holds this role at a time. */
  public boolean isExclusive() {
    return this != RESPONDER;
  }
}
