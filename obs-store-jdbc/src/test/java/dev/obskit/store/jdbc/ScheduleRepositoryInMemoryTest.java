package dev.obskit.store.jdbc;

class ScheduleRepositoryInMemoryTest extends ScheduleRepositoryContract {
  @Override
  Backend backend() {
    return Backend.MEMORY;
  }
}
