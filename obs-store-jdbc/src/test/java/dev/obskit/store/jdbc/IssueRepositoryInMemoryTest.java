package dev.obskit.store.jdbc;

class IssueRepositoryInMemoryTest extends IssueRepositoryContract {
  @Override
  Backend backend() {
    return Backend.MEMORY;
  }
}
