package dev.obskit.benchmarks.telemetry;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;

import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.obskit.telemetry.Telemetry;
import dev.obskit.telemetry.logback.ObsKitAppender;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.MDC;

/**
 * One appender under test, in a logback {@link LoggerContext} of its own, configured in code.
 * {@link #delivered()} counts what the competitor actually delivered (or, for ObsKit, durably
 * buffered), {@link #dropped()} what it is known to have dropped.
 */
abstract class Competitor implements AutoCloseable {
  final LoggerContext context = new LoggerContext();
  Logger logger;

  Competitor() {
    context.setName("bench-" + getClass().getSimpleName());
    context.setMDCAdapter(MDC.getMDCAdapter());
  }

  abstract long delivered();

  /** Events that reached the endpoint or file; the same as {@link #delivered()} unless buffered. */
  long shipped() {
    return delivered();
  }

  long dropped() {
    return 0;
  }

  @Override
  public void close() {
    context.stop();
  }

  static Competitor create(String name, Path dir) throws Exception {
    switch (name) {
      case "obskit": return new ObsKit(dir);
      case "logback-async-file": return new AsyncFile(dir);
      case "loki4j": return new Loki4j();
      case "logtail": return new Logtail();
      default: throw new IllegalArgumentException("unknown competitor " + name);
    }
  }

  void configureXml(String xml) throws JoranException {
    JoranConfigurator c = new JoranConfigurator();
    c.setContext(context);
    c.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    logger = context.getLogger("bench.Orders");
  }

  /** ObsKit's logback appender, durable Chronicle buffer, shipping to a local Better Stack endpoint. */
  static final class ObsKit extends Competitor {
    private final CountingHttpServer server;
    private final Telemetry telemetry;

    ObsKit(Path dir) throws IOException {
      server = new CountingHttpServer("\"dt\":", 202);
      ObsKitAppender a = new ObsKitAppender();
      a.setContext(context);
      a.setName("obskit");
      a.setDir(dir.toString());
      a.setSinks("betterstack");
      a.setBetterStackUrl(server.url("/"));
      a.setBetterStackToken("bench");
      a.setMaxBufferSize("32GB");
      a.setMinFreeDisk("2GB");
      a.addSetting("obs.telemetry.buffer.roll-cycle=FIVE_MINUTELY");
      // Loopback endpoint: gzip would only burn the shared CPU (Loki4j and logtail send plain JSON).
      a.addSetting("obs.telemetry.sink.betterstack.gzip=false");
      a.addSetting("obs.telemetry.buffer.block-size=64MB");
      a.setShutdownTimeout("2s");
      a.start();
      if (!a.isStarted()) {
        throw new IllegalStateException("ObsKit appender did not start: "
            + context.getStatusManager().getCopyOfStatusList());
      }
      logger = context.getLogger("bench.Orders");
      logger.addAppender(a);
      logger.setAdditive(false);
      telemetry = a.telemetry().orElseThrow();
    }

    @Override
    long delivered() {
      return telemetry.buffer().stats().appended();
    }

    @Override
    long dropped() {
      return telemetry.stats().dropped();
    }

    @Override
    long shipped() {
      return server.events();
    }

    @Override
    public void close() {
      super.close();
      server.close();
    }
  }

  /** logback AsyncAppender (discardingThreshold=0, blocking) over a FileAppender. */
  static final class AsyncFile extends Competitor {
    private final LongAdder written = new LongAdder();
    private final AsyncAppender async = new AsyncAppender();

    AsyncFile(Path dir) {
      PatternLayoutEncoder encoder = new PatternLayoutEncoder();
      encoder.setContext(context);
      encoder.setPattern("%d{ISO8601} [%thread] %-5level %logger - %msg%n");
      encoder.start();
      FileAppender<ILoggingEvent> file = new FileAppender<>() {
        @Override
        protected void subAppend(ILoggingEvent event) {
          super.subAppend(event);
          written.increment();
        }
      };
      file.setContext(context);
      file.setName("file");
      file.setFile(dir.resolve("app.log").toString());
      file.setEncoder(encoder);
      file.start();
      async.setContext(context);
      async.setName("async");
      async.setDiscardingThreshold(0);
      async.addAppender(file);
      async.start();
      logger = context.getLogger("bench.Orders");
      logger.addAppender(async);
      logger.setAdditive(false);
    }

    @Override
    long delivered() {
      return written.sum();
    }
  }

  /** Loki4j 2.1.0 (JSON) pushing to a local endpoint. */
  static final class Loki4j extends Competitor {
    private final CountingHttpServer server;

    Loki4j() throws Exception {
      server = new CountingHttpServer("[\"", 204);
      configureXml("<configuration>"
          + "<appender name='LOKI' class='com.github.loki4j.logback.Loki4jAppender'>"
          + "<http><url>" + server.url("/loki/api/v1/push") + "</url></http>"
          + "<labels>app=bench</labels>"
          + "<message><pattern>%-5level %logger %msg %ex</pattern></message>"
          + "</appender>"
          + "<logger name='bench' level='INFO' additivity='false'><appender-ref ref='LOKI'/></logger>"
          + "</configuration>");
    }

    @Override
    long delivered() {
      return server.events();
    }

    @Override
    public void close() {
      super.close();
      server.close();
    }
  }

  /** Better Stack's logback-logtail 0.3.5 pushing to a local endpoint. */
  static final class Logtail extends Competitor {
    private final CountingHttpServer server;

    Logtail() throws Exception {
      server = new CountingHttpServer("\"dt\":", 202);
      configureXml("<configuration>"
          + "<appender name='LOGTAIL' class='com.logtail.logback.LogtailAppender'>"
          + "<appName>bench</appName><sourceToken>bench</sourceToken>"
          + "<ingestUrl>" + server.url("/") + "</ingestUrl>"
          + "</appender>"
          + "<logger name='bench' level='INFO' additivity='false'><appender-ref ref='LOGTAIL'/></logger>"
          + "</configuration>");
    }

    @Override
    long delivered() {
      return server.events();
    }

    @Override
    public void close() {
      super.close();
      server.close();
    }
  }
}
