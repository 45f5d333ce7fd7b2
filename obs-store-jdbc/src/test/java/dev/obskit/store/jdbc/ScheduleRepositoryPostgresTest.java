package dev.obskit.store.jdbc;

class ScheduleRepositoryPostgresTest extends ScheduleRepositoryContract {
  @Override
  Backend backend() {
    return Backend.POSTGRES;
  }
}
