package dev.obskit.store.jdbc;

class SubscriptionRepositoryPostgresTest extends SubscriptionRepositoryContract {
  @Override
  Backend backend() {
    return Backend.POSTGRES;
  }
}
