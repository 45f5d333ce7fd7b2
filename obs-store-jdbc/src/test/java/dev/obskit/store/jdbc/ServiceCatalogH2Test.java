package dev.obskit.store.jdbc;

class ServiceCatalogH2Test extends ServiceCatalogContract {
  @Override
  Backend backend() {
    return Backend.H2;
  }
}
