package dev.obskit.store.jdbc;

class ServiceCatalogPostgresTest extends ServiceCatalogContract {
  @Override
  Backend backend() {
    return Backend.POSTGRES;
  }
}
