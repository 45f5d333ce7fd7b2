package dev.obskit.telemetry;

import dev.obskit.core.config.ConfigException;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.privacy.PiiScrubber;
import dev.obskit.telemetry.buffer.BufferConfig;
import dev.obskit.telemetry.buffer.OverflowPolicy;
import dev.obskit.telemetry.ship.ShipConfig;
import dev.obskit.telemetry.sink.BetterStackSink;
import dev.obskit.telemetry.sink.ClickHouseSink;
import dev.obskit.telemetry.sink.FileSink;
import dev.obskit.telemetry.sink.OtlpHttpSink;
import dev.obskit.telemetry.sink.TelemetrySink;
import dev.obskit.telemetry.transform.TransformPipeline;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a {@link TelemetryConfig} from properties (environment variables work too:
 * {@code OBS_TELEMETRY_SINKS} is {@code obs.telemetry.sinks}). Every malformed value fails with a
 * {@link ConfigException} naming the key. The keys are listed in the module README; the main ones:
 *
 * <pre>
 * obs.telemetry.dir=/var/lib/app/obskit-telemetry
 * obs.telemetry.buffer.type=chronicle | memory
 * obs.telemetry.buffer.max-bytes=1GB        obs.telemetry.buffer.min-free-disk=512MB
 * obs.telemetry.buffer.overflow=drop-newest | block-with-timeout
 * obs.telemetry.buffer.shards=4
 * obs.telemetry.sinks=file,betterstack,otlp,clickhouse
 * obs.telemetry.sink.betterstack.url=https://in.logs.betterstack.com
 * obs.telemetry.sink.betterstack.token=...
 * </pre>
 */
public final class TelemetryProperties {
  /** The prefix of every key. */
  public static final String PREFIX = "obs.telemetry";

  private TelemetryProperties() {}

  /** Reads the configuration with the system clock for roll cycles. */
  public static TelemetryConfig read(ConfigProperties config, PiiScrubber scrubber) {
    return read(config, scrubber, Clock.systemUTC());
  }

  /**
   * Reads the configuration; {@code clock} decides the buffer's roll cycles.
   *
   * @throws ConfigException naming the first malformed or missing setting
   */
  public static TelemetryConfig read(ConfigProperties config, PiiScrubber scrubber, Clock clock) {
    Path dir = Path.of(config.getString(PREFIX + ".dir", "obskit-telemetry"));
    TelemetryConfig.Builder b = TelemetryConfig.builder()
        .setName(config.getString(PREFIX + ".name", TelemetryConfig.DEFAULT_NAME))
        .setDirectory(dir);
    String team = config.getString(PREFIX + ".team");
    if (team != null) {
      b.setTeam(check(PREFIX + ".team", () -> TeamId.of(team)));
    }
    b.setBufferType(enumValue(config, PREFIX + ".buffer.type", BufferType.class, BufferType.CHRONICLE));
    b.setOnMissingFlags(enumValue(config, PREFIX + ".buffer.on-missing-flags",
        MissingFlagsPolicy.class, MissingFlagsPolicy.FAIL));
    b.setBuffer(buffer(config, dir, clock));
    b.setShip(ship(config, dir));
    for (String sink : config.getList(PREFIX + ".sinks")) {
      b.addSink(sink(config, sink.toLowerCase(Locale.ROOT), dir));
    }
    b.setTransforms(TransformPipeline.fromConfig(config, PREFIX + ".transform", scrubber));
    int maxField = positiveInt(config, PREFIX + ".max-field-chars", 32 * 1024);
    b.setMaxFieldChars(check(PREFIX + ".max-field-chars", () -> {
      if (maxField < 64) {
        throw new IllegalArgumentException("must be >= 64, got " + maxField);
      }
      return maxField;
    }));
    return b.build();
  }

  private static BufferConfig buffer(ConfigProperties c, Path dir, Clock clock) {
    String p = PREFIX + ".buffer";
    BufferConfig.Builder b = BufferConfig.builder().setClock(clock)
        .setDirectory(Path.of(c.getString(p + ".dir", dir.resolve("buffer").toString())))
        .setMaxBytes(positiveBytes(c, p + ".max-bytes", BufferConfig.DEFAULT_MAX_BYTES))
        .setMinFreeDiskBytes(bytes(c, p + ".min-free-disk", BufferConfig.DEFAULT_MIN_FREE_DISK_BYTES))
        .setOverflowPolicy(enumValue(c, p + ".overflow", OverflowPolicy.class, OverflowPolicy.DROP_NEWEST))
        .setRollCycle(rollCycle(c, p + ".roll-cycle"))
        .setBlockSize(positiveBytes(c, p + ".block-size", BufferConfig.DEFAULT_BLOCK_SIZE))
        .setShards(shards(c, p + ".shards"));
    Duration timeout = c.getDuration(p + ".block-timeout", BufferConfig.DEFAULT_BLOCK_TIMEOUT);
    b.setBlockTimeout(timeout);
    return check(p, b::build);
  }

  private static String rollCycle(ConfigProperties c, String key) {
    String v = c.getString(key, BufferConfig.DEFAULT_ROLL_CYCLE).trim().toUpperCase(Locale.ROOT);
    if (!BufferConfig.ROLL_CYCLES.contains(v)) {
      throw new ConfigException(key, "unknown roll cycle '" + c.getString(key) + "' (expected one of "
          + String.join(", ", BufferConfig.ROLL_CYCLES) + ")");
    }
    return v;
  }

  private static ShipConfig ship(ConfigProperties c, Path dir) {
    int records = positiveInt(c, PREFIX + ".batch.max-records", ShipConfig.DEFAULT_MAX_BATCH_RECORDS);
    long bytes = positiveBytes(c, PREFIX + ".batch.max-bytes", ShipConfig.DEFAULT_MAX_BATCH_BYTES);
    Duration age = positive(c, PREFIX + ".batch.max-age", ShipConfig.DEFAULT_MAX_BATCH_AGE);
    Duration initial = positive(c, PREFIX + ".retry.initial-backoff", ShipConfig.DEFAULT_INITIAL_BACKOFF);
    Duration max = positive(c, PREFIX + ".retry.max-backoff", ShipConfig.DEFAULT_MAX_BACKOFF);
    Path dead = Path.of(c.getString(PREFIX + ".dead-letter.dir", dir.resolve("dead-letter").toString()));
    long deadMax = positiveBytes(c, PREFIX + ".dead-letter.max-bytes", ShipConfig.DEFAULT_DEAD_LETTER_MAX_BYTES);
    return check(PREFIX + ".retry.max-backoff", () -> new ShipConfig(records, bytes, age, initial,
        max, ShipConfig.DEFAULT_IDLE_POLL, dead, deadMax));
  }

  static TelemetrySink sink(ConfigProperties c, String kind, Path dir) {
    String p = PREFIX + ".sink." + kind;
    switch (kind) {
      case "file":
        return check(p, () -> FileSink.builder()
            .setDirectory(Path.of(c.getString(p + ".dir", dir.resolve("logs").toString())))
            .setMaxFileBytes(positiveBytes(c, p + ".max-file-bytes", FileSink.DEFAULT_MAX_FILE_BYTES))
            .setMaxFiles(positiveInt(c, p + ".max-files", FileSink.DEFAULT_MAX_FILES))
            .build());
      case "betterstack": {
        String token = c.getString(p + ".token");
        if (token == null || token.isBlank()) {
          throw new ConfigException(p + ".token", "is required for the betterstack sink (the"
              + " source token from Better Stack > Sources)");
        }
        String url = c.getString(p + ".url", BetterStackSink.DEFAULT_INGEST_URL);
        BetterStackSink.Builder bb = BetterStackSink.builder().setSourceToken(token)
            .setGzip(c.getBoolean(p + ".gzip", true));
        maxRequestBytes(c, p, bb::setMaxRequestBytes);
        return check(p + ".url", () -> bb.setIngestUrl(url).build());
      }
      case "otlp": {
        String endpoint = c.getString(p + ".endpoint", OtlpHttpSink.DEFAULT_ENDPOINT);
        OtlpHttpSink.Builder ob = OtlpHttpSink.builder().setEndpoint(endpoint)
            .setGzip(c.getBoolean(p + ".gzip", true))
            .setServiceName(c.getString(p + ".service-name", "unknown_service:java"));
        for (Map.Entry<String, String> h : c.getMap(p + ".headers").entrySet()) {
          ob.addHeader(h.getKey(), h.getValue());
        }
        maxRequestBytes(c, p, ob::setMaxRequestBytes);
        return check(p + ".endpoint", ob::build);
      }
      case "clickhouse": {
        String url = c.getString(p + ".url");
        if (url == null) {
          throw new ConfigException(p + ".url", "is required for the clickhouse sink"
              + " (e.g. http://clickhouse:8123)");
        }
        ClickHouseSink.Builder cb = ClickHouseSink.builder().setUrl(url)
            .setTable(c.getString(p + ".table", "logs")).setGzip(c.getBoolean(p + ".gzip", true));
        String user = c.getString(p + ".user");
        if (user != null) {
          cb.setUser(user);
        }
        String password = c.getString(p + ".password");
        if (password != null) {
          cb.setPassword(password);
        }
        maxRequestBytes(c, p, cb::setMaxRequestBytes);
        return check(p + ".url", cb::build);
      }
      default:
        throw new ConfigException(PREFIX + ".sinks", "unknown sink '" + kind
            + "' (expected file, betterstack, otlp or clickhouse)");
    }
  }

  /** Applies {@code <sink>.max-request-bytes} when set; a bad value names the key. */
  private static void maxRequestBytes(ConfigProperties c, String sinkPrefix,
      java.util.function.LongFunction<?> setter) {
    String key = sinkPrefix + ".max-request-bytes";
    Long v = c.getBytes(key);
    if (v != null) {
      check(key, () -> setter.apply(v));
    }
  }

  private static <T> T check(String key, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ConfigException(key, e.getMessage(), e);
    }
  }

  private static long bytes(ConfigProperties c, String key, long def) {
    Long v = c.getBytes(key);
    return v == null ? def : v;
  }

  private static long positiveBytes(ConfigProperties c, String key, long def) {
    long v = bytes(c, key, def);
    if (v <= 0) {
      throw new ConfigException(key, "must be > 0, got " + v);
    }
    return v;
  }

  private static int positiveInt(ConfigProperties c, String key, int def) {
    int v = c.getInt(key, def);
    if (v <= 0) {
      throw new ConfigException(key, "must be > 0, got " + v);
    }
    return v;
  }

  private static int shards(ConfigProperties c, String key) {
    int v = c.getInt(key, BufferConfig.DEFAULT_SHARDS);
    if (v < 1 || v > BufferConfig.MAX_SHARDS) {
      throw new ConfigException(key, "must be between 1 and " + BufferConfig.MAX_SHARDS + ", got "
          + v);
    }
    return v;
  }

  private static Duration positive(ConfigProperties c, String key, Duration def) {
    Duration d = c.getDuration(key, def);
    if (d.isNegative() || d.isZero()) {
      throw new ConfigException(key, "must be positive, got " + d);
    }
    return d;
  }

  private static <E extends Enum<E>> E enumValue(ConfigProperties c, String key, Class<E> type,
      E def) {
    String v = c.getString(key);
    if (v == null) {
      return def;
    }
    try {
      return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, "unknown value '" + v + "' (expected one of "
          + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT)
              .replace('_', '-') + ")");
    }
  }
}
