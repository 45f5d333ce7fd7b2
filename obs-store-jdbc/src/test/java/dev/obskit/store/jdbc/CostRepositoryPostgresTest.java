package dev.obskit.store.jdbc;

class CostRepositoryPostgresTest extends CostRepositoryContract {
  @Override
  Backend backend() {
    return Backend.POSTGRES;
  }
}
