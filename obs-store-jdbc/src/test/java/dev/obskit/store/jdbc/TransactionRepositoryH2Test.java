package dev.obskit.store.jdbc;

class TransactionRepositoryH2Test extends TransactionRepositoryContract {
  @Override
  Backend backend() {
    return Backend.H2;
  }
}
