package dev.obskit.store.jdbc;

class TransactionRepositoryPostgresTest extends TransactionRepositoryContract {
  @Override
  Backend backend() {
    return Backend.POSTGRES;
  }
}
