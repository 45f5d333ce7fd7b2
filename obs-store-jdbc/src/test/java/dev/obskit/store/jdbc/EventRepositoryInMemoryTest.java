package dev.obskit.store.jdbc;

class EventRepositoryInMemoryTest extends EventRepositoryContract {
  @Override
  Backend backend() {
    return Backend.MEMORY;
  }
}
