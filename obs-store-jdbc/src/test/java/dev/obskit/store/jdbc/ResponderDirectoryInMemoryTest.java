package dev.obskit.store.jdbc;

class ResponderDirectoryInMemoryTest extends ResponderDirectoryContract {
  @Override
  Backend backend() {
    return Backend.MEMORY;
  }
}
