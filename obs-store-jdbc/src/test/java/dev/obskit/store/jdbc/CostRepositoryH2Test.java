package dev.obskit.store.jdbc;

class CostRepositoryH2Test extends CostRepositoryContract {
  @Override
  Backend backend() {
    return Backend.H2;
  }
}
