package dev.obskit.store.jdbc;

class IssueRepositoryPostgresTest extends IssueRepositoryContract {
  @Override
  Backend backend() {
    return Backend.POSTGRES;
  }
}
