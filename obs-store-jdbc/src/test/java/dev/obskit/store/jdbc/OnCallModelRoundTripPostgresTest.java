package dev.obskit.store.jdbc;

class OnCallModelRoundTripPostgresTest extends OnCallModelRoundTripContract {
  @Override
  Backend backend() {
    return Backend.POSTGRES;
  }
}
