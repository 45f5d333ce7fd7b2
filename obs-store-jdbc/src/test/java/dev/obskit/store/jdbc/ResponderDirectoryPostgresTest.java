package dev.obskit.store.jdbc;

class ResponderDirectoryPostgresTest extends ResponderDirectoryContract {
  @Override
  Backend backend() {
    return Backend.POSTGRES;
  }
}
