package dev.obskit.spring.boot.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.ObsModule;
import dev.obskit.core.ObsStartException;
import dev.obskit.core.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class ObsKitFailureAnalyzerTests {
  private final ObsKitFailureAnalyzer analyzer = new ObsKitFailureAnalyzer();

  /** Starts a kit whose one module fails with {@code cause}, as a real start would. */
  private static ObsStartException startFailure(RuntimeException cause) {
    ObsKit kit = ObsKit.builder().addModule(ctx -> new ObsModule() {
      @Override
      public String name() {
        return "telemetry";
      }

      @Override
      public void start() {
        throw cause;
      }
    }).build();
    try {
      kit.start();
      throw new AssertionError("start should have failed");
    } catch (ObsStartException e) {
      return e;
    }
  }

  @Test
  void configException_namesTheKeyAndTheEnvironmentVariable() {
    FailureAnalysis a = analyzer.analyze(new BeanCreationException("obsKit",
        new ConfigException("obs.telemetry.buffer.roll-cycle", "unknown value 'MINUTELY'")));
    assertThat(a.getDescription()).contains("obs.telemetry.buffer.roll-cycle").contains("MINUTELY");
    assertThat(a.getAction()).contains("'obs.telemetry.buffer.roll-cycle'")
        .contains("OBS_TELEMETRY_BUFFER_ROLL_CYCLE");
  }

  @Test
  void missingChronicleFlags_givesTheExactFixForEachWayOfRunning() {
    ObsStartException failure = startFailure(new IllegalStateException(
        "The durable telemetry buffer (Chronicle Queue) needs JVM flags that are missing: "
            + "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED"));
    FailureAnalysis a = analyzer.analyze(new BeanCreationException("obsKit", failure));
    assertThat(a.getDescription()).contains("telemetry").contains("--add-opens");
    // java -jar with flags, the manifest (no flags), Maven and Gradle; and the memory fallback.
    assertThat(a.getAction())
        .contains("java --add-opens=java.base/java.lang.reflect=ALL-UNNAMED")
        .contains("--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED -jar app.jar")
        .contains("Add-Opens: java.base/java.lang.reflect java.base/java.nio java.base/sun.nio.ch java.base/java.lang")
        .contains("Add-Exports: java.base/sun.nio.ch java.base/jdk.internal.ref java.base/jdk.internal.misc jdk.unsupported/sun.misc")
        .contains("<jvmArguments>").contains("<argLine>").contains("bootRun")
        .contains("obs.telemetry.buffer.type=memory");
  }

  @Test
  void unreachableDatabase_saysToCheckIt() {
    ObsStartException failure = startFailure(new IllegalStateException(
        "cannot connect to jdbc:postgresql://127.0.0.1:1/obs", new java.sql.SQLException("refused")));
    FailureAnalysis a = analyzer.analyze(failure);
    assertThat(a.getAction()).contains("database").contains("H2");
  }

  @Test
  void otherModuleFailure_namesTheModuleAndHowToTurnItOff() {
    FailureAnalysis a = analyzer.analyze(startFailure(new IllegalStateException("port in use")));
    assertThat(a.getDescription()).contains("'telemetry'").contains("port in use");
    assertThat(a.getAction()).contains("obs.<module>.enabled=false");
  }

  @Test
  void unrelatedFailure_isLeftToOtherAnalyzers() {
    assertThat(analyzer.analyze(new IllegalStateException("not ours"))).isNull();
  }
}
