package dev.obskit.store.jdbc;

class TransactionRepositoryInMemoryTest extends TransactionRepositoryContract {
  @Override
  Backend backend() {
    return Backend.MEMORY;
  }
}
