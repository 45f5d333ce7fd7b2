package dev.obskit.store.jdbc;

class ScheduleRepositoryH2Test extends ScheduleRepositoryContract {
  @Override
  Backend backend() {
    return Backend.H2;
  }
}
