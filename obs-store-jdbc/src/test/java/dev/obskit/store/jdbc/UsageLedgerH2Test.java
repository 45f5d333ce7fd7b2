package dev.obskit.store.jdbc;

class UsageLedgerH2Test extends UsageLedgerContract {
  @Override
  Backend backend() {
    return Backend.H2;
  }
}
