package dev.obskit.store.jdbc;

/** Creates obs-uptime's repositories; loaded only when obs-uptime is on the class path. */
final class UptimeTables {
  private UptimeTables() {}

  static Object create(String type, Db db) {
    if (type.equals("dev.obskit.uptime.history.HistoryStore")) {
      return new JdbcHistoryStore(db);
    }
    return null;
  }
}
