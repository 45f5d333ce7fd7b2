package dev.obskit.store.jdbc;

class IncidentRepositoryH2Test extends IncidentRepositoryContract {
  @Override
  Backend backend() {
    return Backend.H2;
  }
}
