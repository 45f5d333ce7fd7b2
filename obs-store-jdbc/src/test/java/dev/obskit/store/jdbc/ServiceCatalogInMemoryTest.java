package dev.obskit.store.jdbc;

class ServiceCatalogInMemoryTest extends ServiceCatalogContract {
  @Override
  Backend backend() {
    return Backend.MEMORY;
  }
}
