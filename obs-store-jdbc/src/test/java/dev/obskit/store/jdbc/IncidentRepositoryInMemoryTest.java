package dev.obskit.store.jdbc;

class IncidentRepositoryInMemoryTest extends IncidentRepositoryContract {
  @Override
  Backend backend() {
    return Backend.MEMORY;
  }
}
