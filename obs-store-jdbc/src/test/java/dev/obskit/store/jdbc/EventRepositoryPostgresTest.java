package dev.obskit.store.jdbc;

class EventRepositoryPostgresTest extends EventRepositoryContract {
  @Override
  Backend backend() {
    return Backend.POSTGRES;
  }
}
