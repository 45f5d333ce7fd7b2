package dev.obskit.core;

/** A module refused to start; the modules started before it were shut down again. */
public final class ObsStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ObsStartException(String module, Throwable cause) {
    super("ObsKit module '" + module + "' failed to start: " + cause.getMessage(), cause);
  }
}
