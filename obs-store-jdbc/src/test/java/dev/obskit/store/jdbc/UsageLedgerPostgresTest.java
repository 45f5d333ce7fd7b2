package dev.obskit.store.jdbc;

class UsageLedgerPostgresTest extends UsageLedgerContract {
  @Override
  Backend backend() {
    return Backend.POSTGRES;
  }
}
