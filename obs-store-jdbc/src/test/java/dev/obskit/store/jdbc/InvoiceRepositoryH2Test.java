package dev.obskit.store.jdbc;

class InvoiceRepositoryH2Test extends InvoiceRepositoryContract {
  @Override
  Backend backend() {
    return Backend.H2;
  }
}
