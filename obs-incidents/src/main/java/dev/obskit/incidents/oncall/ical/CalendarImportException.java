package dev.obskit.incidents.oncall.ical;

/**
 * An iCal feed was refused: too large, not iCalendar, or an event that cannot become an override.
 * The message names the event (its position and UID) and the bad value. Nothing is imported when
 * this is thrown: the schedule keeps its previous overrides.
 */
public final class CalendarImportException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong. */
  public CalendarImportException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the parser's failure. */
  public CalendarImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
