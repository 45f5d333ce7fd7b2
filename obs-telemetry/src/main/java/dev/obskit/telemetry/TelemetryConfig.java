package dev.obskit.telemetry;

import static java.util.Objects.requireNonNull;

import dev.obskit.core.id.TeamId;
import dev.obskit.telemetry.buffer.BufferConfig;
import dev.obskit.telemetry.encode.RecordEncoder;
import dev.obskit.telemetry.ship.ShipConfig;
import dev.obskit.telemetry.sink.FileSink;
import dev.obskit.telemetry.sink.TelemetrySink;
import dev.obskit.telemetry.transform.TransformPipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a {@link Telemetry} needs: buffer, batching, sinks, transforms. Immutable; build in
 * code with {@link #builder()} or from properties with {@link TelemetryProperties#read}.
 *
 * @param name the name appenders use to find this pipeline ({@code <pipeline>} in logback.xml)
 * @param team the team shipped bytes are metered for
 * @param bufferType durable (default) or in-memory
 * @param buffer buffer settings
 * @param ship batching and retry settings
 * @param sinks where records go; each has its own sender thread and read position
 * @param transforms applied on the logging thread before buffering
 * @param maxFieldChars longest message/attribute/stack text kept per record
 * @param onMissingFlags what a durable buffer does in a JVM without Chronicle's flags
 */
public record TelemetryConfig(String name, TeamId team, BufferType bufferType, BufferConfig buffer,
    ShipConfig ship, List<TelemetrySink> sinks, TransformPipeline transforms, int maxFieldChars,
    MissingFlagsPolicy onMissingFlags) {

  /** The default pipeline name. */
  public static final String DEFAULT_NAME = "default";

  /** Validates; sink names must be unique because they name read positions on disk. */
  public TelemetryConfig {
    requireNonNull(name, "name");
    requireNonNull(team, "team");
    requireNonNull(bufferType, "bufferType");
    requireNonNull(buffer, "buffer");
    requireNonNull(ship, "ship");
    sinks = List.copyOf(sinks);
    if (sinks.isEmpty()) {
      throw new IllegalArgumentException("sinks must not be empty");
    }
    Set<String> names = new HashSet<>();
    for (TelemetrySink s : sinks) {
      if (!names.add(s.getName())) {
        throw new IllegalArgumentException("sink name '" + s.getName() + "' is used twice");
      }
    }
    requireNonNull(transforms, "transforms");
    requireNonNull(onMissingFlags, "onMissingFlags");
    if (maxFieldChars < 64) {
      throw new IllegalArgumentException("maxFieldChars must be >= 64, got " + maxFieldChars);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder for {@link TelemetryConfig}; not thread-safe. */
  public static final class Builder {
    private String name = DEFAULT_NAME;
    private TeamId team = TeamId.of("default");
    private BufferType bufferType = BufferType.CHRONICLE;
    private BufferConfig buffer;
    private Path directory = Path.of("obskit-telemetry");
    private ShipConfig ship;
    private final List<TelemetrySink> sinks = new ArrayList<>();
    private TransformPipeline transforms = TransformPipeline.identity();
    private int maxFieldChars = RecordEncoder.DEFAULT_MAX_FIELD_CHARS;
    private MissingFlagsPolicy onMissingFlags = MissingFlagsPolicy.FAIL;

    Builder() {}

    /** Sets what happens without Chronicle's JVM flags; default {@link MissingFlagsPolicy#FAIL}. */
    public Builder setOnMissingFlags(MissingFlagsPolicy onMissingFlags) {
      this.onMissingFlags = requireNonNull(onMissingFlags, "onMissingFlags");
      return this;
    }

    public Builder setName(String name) {
      this.name = requireNonNull(name, "name");
      return this;
    }

    public Builder setTeam(TeamId team) {
      this.team = requireNonNull(team, "team");
      return this;
    }

    public Builder setBufferType(BufferType bufferType) {
      this.bufferType = requireNonNull(bufferType, "bufferType");
      return this;
    }

    /**
     * Sets the base directory: the buffer lives in {@code <dir>/buffer}, dead letters in
     * {@code <dir>/dead-letter}, the default file sink writes {@code <dir>/logs}; explicit buffer,
     * ship or sink settings win.
     */
    public Builder setDirectory(Path directory) {
      this.directory = requireNonNull(directory, "directory");
      return this;
    }

    public Builder setBuffer(BufferConfig buffer) {
      this.buffer = requireNonNull(buffer, "buffer");
      return this;
    }

    public Builder setShip(ShipConfig ship) {
      this.ship = requireNonNull(ship, "ship");
      return this;
    }

    /** Adds a sink; without any, a {@link FileSink} in {@code <dir>/logs} is used. */
    public Builder addSink(TelemetrySink sink) {
      sinks.add(requireNonNull(sink, "sink"));
      return this;
    }

    public Builder setTransforms(TransformPipeline transforms) {
      this.transforms = requireNonNull(transforms, "transforms");
      return this;
    }

    public Builder setMaxFieldChars(int maxFieldChars) {
      this.maxFieldChars = maxFieldChars;
      return this;
    }

    public TelemetryConfig build() {
      BufferConfig b = buffer != null ? buffer
          : BufferConfig.builder().setDirectory(directory.resolve("buffer")).build();
      ShipConfig s = ship != null ? ship : ShipConfig.defaults(directory.resolve("dead-letter"));
      List<TelemetrySink> list = new ArrayList<>(sinks);
      if (list.isEmpty()) {
        list.add(FileSink.builder().setDirectory(directory.resolve("logs")).build());
      }
      return new TelemetryConfig(name, team, bufferType, b, s, list, transforms, maxFieldChars,
          onMissingFlags);
    }
  }
}
