package dev.obskit.store.jdbc;

class HistoryStorePostgresTest extends HistoryStoreContract {
  @Override
  Backend backend() {
    return Backend.POSTGRES;
  }
}
