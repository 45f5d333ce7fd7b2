package dev.obskit.store.jdbc;

class StoredKeysPostgresTest extends StoredKeysContract {
  @Override
  Backend backend() {
    return Backend.POSTGRES;
  }
}
