package dev.obskit.store.jdbc;

class StoredKeysInMemoryTest extends StoredKeysContract {
  @Override
  Backend backend() {
    return Backend.MEMORY;
  }
}
