package dev.obskit.store.jdbc;

/** Creates obs-errors' repositories; loaded only when obs-errors is on the class path. */
final class ErrorsTables {
  private ErrorsTables() {}

  static Object create(String type, Db db, int eventsPerIssue, int transactionsPerProject) {
    Json.register(ErrorsJson.module());
    switch (type) {
      case "dev.obskit.errors.issue.IssueRepository":
        return new JdbcIssueRepository(db);
      case "dev.obskit.errors.issue.EventRepository":
        return new JdbcEventRepository(db, eventsPerIssue);
      case "dev.obskit.errors.release.ReleaseRepository":
        return new JdbcReleaseRepository(db);
      case "dev.obskit.errors.transaction.TransactionRepository":
        return new JdbcTransactionRepository(db, transactionsPerProject);
      default:
        return null;
    }
  }
}
