package dev.obskit.store.jdbc;

class ReleaseRepositoryInMemoryTest extends ReleaseRepositoryContract {
  @Override
  Backend backend() {
    return Backend.MEMORY;
  }
}
