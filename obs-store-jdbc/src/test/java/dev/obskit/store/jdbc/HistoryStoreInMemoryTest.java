package dev.obskit.store.jdbc;

class HistoryStoreInMemoryTest extends HistoryStoreContract {
  @Override
  Backend backend() {
    return Backend.MEMORY;
  }
}
