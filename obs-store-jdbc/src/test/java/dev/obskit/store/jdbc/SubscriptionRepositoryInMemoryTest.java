package dev.obskit.store.jdbc;

class SubscriptionRepositoryInMemoryTest extends SubscriptionRepositoryContract {
  @Override
  Backend backend() {
    return Backend.MEMORY;
  }
}
