package dev.obskit.store.jdbc;

class OnCallModelRoundTripH2Test extends OnCallModelRoundTripContract {
  @Override
  Backend backend() {
    return Backend.H2;
  }
}
