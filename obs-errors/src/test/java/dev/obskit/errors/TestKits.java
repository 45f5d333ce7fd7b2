package dev.obskit.errors;

import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/** Builds a started kit with the errors module on a manual clock. */
public final class TestKits {
  public static final TeamId TEAM = TeamId.of("team-1");
  public static final ProjectId PROJECT = ProjectId.of("42");
  public static final String KEY = "publickey";
  public static final Instant START = Instant.parse("2026-11-22T04:00:00Z");

  private TestKits() {}

  public static ProjectConfig.Builder project() {
    return ProjectConfig.builder(PROJECT, TEAM).addPublicKey(KEY);
  }

  public static ObsKit kit(ManualClock clock, ProjectConfig project, Consumer<ErrorsConfig.Builder> more) {
    ErrorsConfig.Builder cfg = ErrorsConfig.builder().addProject(project).setInstallGlobalTracker(false);
    more.accept(cfg);
    ErrorsConfig config = cfg.build();
    return ObsKit.builder().setClock(clock).setIdGenerator(IdGenerator.sequential("id"))
        .setConfig(ConfigProperties.of(Map.of()))
        .addModule(ctx -> ErrorsModule.create(ctx, config)).build().start();
  }

  public static ObsKit kit(ManualClock clock, ProjectConfig project) {
    return kit(clock, project, b -> { });
  }
}
