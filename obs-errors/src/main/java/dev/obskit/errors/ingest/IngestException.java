package dev.obskit.errors.ingest;

/** A request the endpoint refuses, with the HTTP status and a message for the sender. */
class IngestException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;

  IngestException(int status, String message) {
    super(message);
    this.status = status;
  }

  IngestException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  int status() {
    return status;
  }
}
