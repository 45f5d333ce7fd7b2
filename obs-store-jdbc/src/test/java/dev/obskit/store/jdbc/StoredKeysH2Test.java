package dev.obskit.store.jdbc;

class StoredKeysH2Test extends StoredKeysContract {
  @Override
  Backend backend() {
    return Backend.H2;
  }
}
