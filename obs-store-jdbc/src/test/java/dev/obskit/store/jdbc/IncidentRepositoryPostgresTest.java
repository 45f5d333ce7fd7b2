package dev.obskit.store.jdbc;

class IncidentRepositoryPostgresTest extends IncidentRepositoryContract {
  @Override
  Backend backend() {
    return Backend.POSTGRES;
  }
}
