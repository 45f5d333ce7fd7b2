package dev.obskit.store.jdbc;

class EscalationPolicyRepositoryH2Test extends EscalationPolicyRepositoryContract {
  @Override
  Backend backend() {
    return Backend.H2;
  }
}
