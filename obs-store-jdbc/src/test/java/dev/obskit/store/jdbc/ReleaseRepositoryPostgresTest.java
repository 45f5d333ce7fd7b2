package dev.obskit.store.jdbc;

class ReleaseRepositoryPostgresTest extends ReleaseRepositoryContract {
  @Override
  Backend backend() {
    return Backend.POSTGRES;
  }
}
