package dev.obskit.store.jdbc;

class SubscriptionRepositoryH2Test extends SubscriptionRepositoryContract {
  @Override
  Backend backend() {
    return Backend.H2;
  }
}
