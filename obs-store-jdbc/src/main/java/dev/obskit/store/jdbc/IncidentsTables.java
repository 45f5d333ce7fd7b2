package dev.obskit.store.jdbc;

/** Creates obs-incidents' repositories; loaded only when obs-incidents is on the class path. */
final class IncidentsTables {
  private IncidentsTables() {}

  static Object create(String type, Db db) {
    switch (type) {
      case "dev.obskit.incidents.incident.IncidentRepository":
        return new JdbcIncidentRepository(db);
      case "dev.obskit.incidents.catalog.ServiceCatalog":
        return new JdbcServiceCatalog(db);
      case "dev.obskit.incidents.escalation.EscalationPolicyRepository":
        return new JdbcEscalationPolicyRepository(db);
      case "dev.obskit.incidents.escalation.ResponderDirectory":
        return new JdbcResponderDirectory(db);
      case "dev.obskit.incidents.oncall.ScheduleRepository":
        return new JdbcScheduleRepository(db);
      default:
        return null;
    }
  }
}
