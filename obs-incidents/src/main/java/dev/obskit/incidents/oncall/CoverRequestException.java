package dev.obskit.incidents.oncall;

/**
 * A cover request transition is not allowed: it is no longer pending (accepted, rejected or
 * expired), or the user may not make it (the requester accepting their own request, someone other
 * than the addressed user answering). The message names the request, its state and the user.
 */
public final class CoverRequestException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the request and the reason. */
  public CoverRequestException(String message) {
    super(message);
  }
}
