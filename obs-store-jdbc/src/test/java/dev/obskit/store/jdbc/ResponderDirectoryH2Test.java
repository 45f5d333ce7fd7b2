package dev.obskit.store.jdbc;

class ResponderDirectoryH2Test extends ResponderDirectoryContract {
  @Override
  Backend backend() {
    return Backend.H2;
  }
}
