package dev.obskit.store.jdbc;

class InvoiceRepositoryPostgresTest extends InvoiceRepositoryContract {
  @Override
  Backend backend() {
    return Backend.POSTGRES;
  }
}
