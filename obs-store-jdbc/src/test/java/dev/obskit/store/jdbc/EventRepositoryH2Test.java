package dev.obskit.store.jdbc;

class EventRepositoryH2Test extends EventRepositoryContract {
  @Override
  Backend backend() {
    return Backend.H2;
  }
}
