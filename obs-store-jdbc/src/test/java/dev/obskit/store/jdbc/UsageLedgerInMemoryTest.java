package dev.obskit.store.jdbc;

class UsageLedgerInMemoryTest extends UsageLedgerContract {
  @Override
  Backend backend() {
    return Backend.MEMORY;
  }
}
