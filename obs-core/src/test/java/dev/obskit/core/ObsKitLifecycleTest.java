package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.obskit.core.ShutdownReport.ModuleShutdown;
import dev.obskit.core.ShutdownReport.Outcome;
import dev.obskit.core.config.ConfigProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ObsKitLifecycleTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(10);
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch neverReleased = new CountDownLatch(1);

  @AfterEach
  void releaseHungModules() {
    neverReleased.countDown();
  }

  /** A module that records its lifecycle calls in {@link #log}. */
  class RecordingModule implements ObsModule {
    final String name;

    RecordingModule(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void start() {
      log.add("start " + name);
    }

    @Override
    public void shutdown(Duration timeout) {
      log.add("stop " + name);
    }
  }

  final class FailingStartModule extends RecordingModule {
    FailingStartModule(String name) {
      super(name);
    }

    @Override
    public void start() {
      log.add("start " + name);
      throw new IllegalStateException("port 8080 in use");
    }
  }

  final class HangingModule extends RecordingModule {
    HangingModule(String name) {
      super(name);
    }

    @Override
    public void shutdown(Duration timeout) {
      log.add("stop " + name);
      try {
        neverReleased.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  final class FailingStopModule extends RecordingModule {
    FailingStopModule(String name) {
      super(name);
    }

    @Override
    public void shutdown(Duration timeout) {
      log.add("stop " + name);
      throw new IllegalStateException("flush failed");
    }
  }

  private static ObsKitBuilder builder() {
    return ObsKit.builder().setConfig(ConfigProperties.of(Map.of()));
  }

  @Test
  void start_startsInOrderAndClose_stopsInReverseOrder() {
    ObsKit kit = builder()
        .addModule(ctx -> new RecordingModule("a"))
        .addModule(ctx -> new RecordingModule("b"))
        .addModule(ctx -> new RecordingModule("c"))
        .build();

    kit.start();
    ShutdownReport report = kit.shutdown();

    assertThat(log).containsExactly("start a", "start b", "start c", "stop c", "stop b", "stop a");
    assertThat(report.modules()).extracting(ModuleShutdown::name).containsExactly("c", "b", "a");
    assertThat(report.modules()).extracting(ModuleShutdown::outcome).containsOnly(Outcome.STOPPED);
    assertThat(report.isClean()).isTrue();
  }

  @Test
  void start_whenModuleFails_stopsStartedOnesInReverseAndNamesTheModule() {
    ObsKit kit = builder()
        .addModule(ctx -> new RecordingModule("a"))
        .addModule(ctx -> new RecordingModule("b"))
        .addModule(ctx -> new FailingStartModule("web"))
        .addModule(ctx -> new RecordingModule("d"))
        .build();

    ObsStartException e = catchThrowableOfType(ObsStartException.class, kit::start);

    assertThat(e).hasMessage("ObsKit module 'web' failed to start: port 8080 in use")
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(log).containsExactly("start a", "start b", "start web", "stop b", "stop a");
  }

  @Test
  void start_whenModuleHitsMissingClass_stillStopsStartedOnes() {
    ObsKit kit = builder()
        .addModule(ctx -> new RecordingModule("a"))
        .addModule(ctx -> new RecordingModule("optional") {
          @Override
          public void start() {
            throw new NoClassDefFoundError("com/example/OptionalDependency");
          }
        })
        .build();

    assertThatThrownBy(kit::start).isInstanceOf(ObsStartException.class)
        .hasMessage("ObsKit module 'optional' failed to start: com/example/OptionalDependency");
    assertThat(log).containsExactly("start a", "stop a");
  }

  @Test
  void close_afterFailedStart_doesNotStopModulesAgain() {
    ObsKit kit = builder()
        .addModule(ctx -> new RecordingModule("a"))
        .addModule(ctx -> new FailingStartModule("b"))
        .build();
    assertThatThrownBy(kit::start).isInstanceOf(ObsStartException.class);

    kit.close();

    assertThat(log).containsExactly("start a", "start b", "stop a");
    assertThat(kit.shutdown().modules()).extracting(ModuleShutdown::outcome)
        .containsExactly(Outcome.NOT_STARTED, Outcome.STOPPED);
  }

  @Test
  void close_whenModuleShutdownHangs_abandonsItAtDeadlineAndStillStopsTheOthers() {
    // 1 s: "stuck" may use all of it except the 100 ms reserved for "first", which still runs.
    ObsKit kit = builder()
        .setShutdownTimeout(Duration.ofSeconds(1))
        .addModule(ctx -> new RecordingModule("first"))
        .addModule(ctx -> new HangingModule("stuck"))
        .addModule(ctx -> new RecordingModule("last"))
        .build()
        .start();

    ShutdownReport report = assertTimeoutPreemptively(HANG_GUARD, kit::shutdown);

    assertThat(report.modules()).extracting(ModuleShutdown::name, ModuleShutdown::outcome).containsExactly(
        tuple("last", Outcome.STOPPED),
        tuple("stuck", Outcome.TIMED_OUT),
        tuple("first", Outcome.STOPPED));
    assertThat(report.modules().get(1).detail()).startsWith("still running after");
    assertThat(report.isClean()).isFalse();
    assertThat(log).contains("stop last", "stop stuck", "stop first");
  }

  @Test
  void close_whenSeveralModulesHang_abandonsEachAndStaysWithinTheDeadline() {
    ObsKit kit = builder()
        .setShutdownTimeout(Duration.ofMillis(600))
        .addModule(ctx -> new HangingModule("h1"))
        .addModule(ctx -> new RecordingModule("ok"))
        .addModule(ctx -> new HangingModule("h2"))
        .build()
        .start();

    ShutdownReport report = assertTimeoutPreemptively(HANG_GUARD, kit::shutdown);

    assertThat(report.modules()).extracting(ModuleShutdown::name, ModuleShutdown::outcome).containsExactly(
        tuple("h2", Outcome.TIMED_OUT), tuple("ok", Outcome.STOPPED), tuple("h1", Outcome.TIMED_OUT));
  }

  @Test
  void close_whenModuleShutdownThrows_reportsFailedAndContinues() {
    ObsKit kit = builder()
        .addModule(ctx -> new RecordingModule("a"))
        .addModule(ctx -> new FailingStopModule("b"))
        .build()
        .start();

    ShutdownReport report = kit.shutdown();

    assertThat(report.modules()).extracting(ModuleShutdown::outcome).containsExactly(Outcome.FAILED, Outcome.STOPPED);
    assertThat(report.modules().get(0).detail()).isEqualTo("java.lang.IllegalStateException: flush failed");
    assertThat(log).containsExactly("start a", "start b", "stop b", "stop a");
  }

  @Test
  void close_whenModuleShutdownThrowsError_reportsFailed() {
    ObsKit kit = builder()
        .addModule(ctx -> new RecordingModule("a") {
          @Override
          public void shutdown(Duration timeout) {
            throw new AssertionError("broken invariant");
          }
        })
        .build()
        .start();

    ShutdownReport report = kit.shutdown();

    assertThat(report.modules()).extracting(ModuleShutdown::outcome).containsExactly(Outcome.FAILED);
    assertThat(report.modules().get(0).detail()).contains("broken invariant");
  }

  @Test
  void close_isIdempotentAndShutdownReturnsFirstReport() {
    ObsKit kit = builder().addModule(ctx -> new RecordingModule("a")).build().start();

    ShutdownReport first = kit.shutdown();
    kit.close();
    kit.close();

    assertThat(kit.shutdown()).isSameAs(first);
    assertThat(log).containsExactly("start a", "stop a");
  }

  @Test
  void close_fromInterruptedThread_stillStopsModules() {
    ObsKit kit = builder()
        .addModule(ctx -> new RecordingModule("a"))
        .addModule(ctx -> new RecordingModule("b"))
        .build()
        .start();
    AtomicReference<ShutdownReport> report = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();

    Thread closer = new Thread(() -> {
      Thread.currentThread().interrupt();
      report.set(kit.shutdown());
      stillInterrupted.set(Thread.currentThread().isInterrupted());
    });
    closer.start();
    assertTimeoutPreemptively(HANG_GUARD, () -> closer.join());

    assertThat(report.get().modules()).extracting(ModuleShutdown::outcome)
        .containsExactly(Outcome.STOPPED, Outcome.STOPPED);
    assertThat(stillInterrupted.get()).isTrue();
  }

  @Test
  void shutdown_beforeStart_reportsNotStartedWithoutCallingModules() {
    ObsKit kit = builder().addModule(ctx -> new RecordingModule("a")).build();

    ShutdownReport report = kit.shutdown();

    assertThat(report.modules()).extracting(ModuleShutdown::outcome).containsExactly(Outcome.NOT_STARTED);
    assertThat(report.isClean()).isTrue();
    assertThat(log).isEmpty();
  }

  @Test
  void start_twice_throws() {
    ObsKit kit = builder().addModule(ctx -> new RecordingModule("a")).build().start();

    assertThatThrownBy(kit::start).isInstanceOf(IllegalStateException.class).hasMessage("ObsKit was already started");
    assertThat(log).containsExactly("start a");
  }

  @Test
  void start_afterShutdown_throws() {
    ObsKit kit = builder().addModule(ctx -> new RecordingModule("a")).build();
    kit.close();

    assertThatThrownBy(kit::start).isInstanceOf(IllegalStateException.class);
    assertThat(log).isEmpty();
  }

  @Test
  void close_closesTheEventBusItOwns() {
    ObsKit kit = builder().build().start();
    kit.close();

    kit.context().eventBus().publish("late");

    assertThat(kit.context().eventBus().stats().rejected()).isEqualTo(1);
  }

  @Test
  void module_findsByTypeOrThrowsNamingPresentModules() {
    ObsKit kit = builder()
        .addModule(ctx -> new RecordingModule("rec"))
        .addModule(ctx -> new FailingStopModule("stopper"))
        .build();

    assertThat(kit.module(FailingStopModule.class).name()).isEqualTo("stopper");
    assertThat(kit.module(RecordingModule.class).name()).isEqualTo("rec");
    assertThat(kit.findModule(HangingModule.class)).isEmpty();
    assertThatThrownBy(() -> kit.module(HangingModule.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no HangingModule in this ObsKit; modules present: [rec, stopper]");
    assertThat(kit.modules()).extracting(ObsModule::name).containsExactly("rec", "stopper");
  }

  @Test
  void build_whenTwoModulesShareAName_throwsNamingIt() {
    ObsKitBuilder b = builder()
        .addModule(ctx -> new RecordingModule("uptime"))
        .addModule(ctx -> new RecordingModule("uptime"));

    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
        .hasMessage("two modules are named 'uptime'");
  }

  @Test
  void build_whenFactoryReturnsNull_throws() {
    assertThatThrownBy(() -> builder().addModule(ctx -> null).build())
        .isInstanceOf(NullPointerException.class).hasMessage("module factory returned null");
  }

  @Test
  void builder_validatesArguments() {
    assertThatThrownBy(() -> ObsKit.builder().setShutdownTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shutdownTimeout must be between PT0.001S and PT10M, got PT0S");
    assertThatThrownBy(() -> ObsKit.builder().setShutdownTimeout(Duration.ofMinutes(11)))
        .hasMessage("shutdownTimeout must be between PT0.001S and PT10M, got PT11M");
    assertThatThrownBy(() -> ObsKit.builder().setShutdownTimeout(null))
        .isInstanceOf(NullPointerException.class).hasMessage("shutdownTimeout");
    assertThatThrownBy(() -> ObsKit.builder().setClock(null)).hasMessage("clock");
    assertThatThrownBy(() -> ObsKit.builder().setEventBus(null)).hasMessage("eventBus");
    assertThatThrownBy(() -> ObsKit.builder().addModule(null)).hasMessage("factory");
    assertThatThrownBy(() -> ObsKit.builder().setConfig(null)).hasMessage("config");
    assertThatThrownBy(() -> ObsKit.builder().setScrubber(null)).hasMessage("scrubber");
    assertThatThrownBy(() -> ObsKit.builder().setIdGenerator(null)).hasMessage("ids");
  }
}
