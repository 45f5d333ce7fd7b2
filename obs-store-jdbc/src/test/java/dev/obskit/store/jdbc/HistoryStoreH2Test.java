package dev.obskit.store.jdbc;

class HistoryStoreH2Test extends HistoryStoreContract {
  @Override
  Backend backend() {
    return Backend.H2;
  }
}
