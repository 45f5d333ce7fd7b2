package dev.obskit.store.jdbc;

class IssueRepositoryH2Test extends IssueRepositoryContract {
  @Override
  Backend backend() {
    return Backend.H2;
  }
}
