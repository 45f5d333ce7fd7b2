package dev.obskit.store.jdbc;

class EscalationPolicyRepositoryPostgresTest extends EscalationPolicyRepositoryContract {
  @Override
  Backend backend() {
    return Backend.POSTGRES;
  }
}
