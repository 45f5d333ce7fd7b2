package dev.obskit.store.jdbc;

class OnCallModelRoundTripInMemoryTest extends OnCallModelRoundTripContract {
  @Override
  Backend backend() {
    return Backend.MEMORY;
  }
}
