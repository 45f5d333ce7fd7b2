package dev.obskit.store.jdbc;

class EscalationPolicyRepositoryInMemoryTest extends EscalationPolicyRepositoryContract {
  @Override
  Backend backend() {
    return Backend.MEMORY;
  }
}
