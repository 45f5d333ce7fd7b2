package dev.obskit.store.jdbc;

class InvoiceRepositoryInMemoryTest extends InvoiceRepositoryContract {
  @Override
  Backend backend() {
    return Backend.MEMORY;
  }
}
