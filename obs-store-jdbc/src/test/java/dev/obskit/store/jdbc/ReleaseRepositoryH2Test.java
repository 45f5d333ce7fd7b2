package dev.obskit.store.jdbc;

class ReleaseRepositoryH2Test extends ReleaseRepositoryContract {
  @Override
  Backend backend() {
    return Backend.H2;
  }
}
