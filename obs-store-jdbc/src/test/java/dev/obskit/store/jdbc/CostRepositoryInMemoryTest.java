package dev.obskit.store.jdbc;

class CostRepositoryInMemoryTest extends CostRepositoryContract {
  @Override
  Backend backend() {
    return Backend.MEMORY;
  }
}
