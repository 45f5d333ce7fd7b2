package dev.obskit.errors.event;

/**
 * The user an event happened to. Every field may be null. Immutable.
 *
 * @param id the application's user id
 * @param email the e-mail address (PII: scrubbed unless the project sends PII)
 * @param username the user name
 * @param ipAddress the IP address (PII: dropped unless the project sends PII)
 */
public record UserInfo(String id, String email, String username, String ipAddress) {
  /** The user of an event that names none. */
  public static final UserInfo EMPTY = new UserInfo(null, null, null, null);

  /** Returns a user known only by id. */
  public static UserInfo ofId(String id) {
    return new UserInfo(id, null, null, null);
  }

  /** Returns whether no field is set. */
  public boolean isEmpty() {
    return id == null && email == null && username == null && ipAddress == null;
  }

  /** Returns a stable key counting this user once in "users affected", or null if anonymous. */
  public String identityKey() {
    if (id != null) {
      return "id:" + id;
    }
    if (email != null) {
      return "email:" + email;
    }
    if (username != null) {
      return "username:" + username;
    }
    return ipAddress == null ? null : "ip:" + ipAddress;
  }
}
