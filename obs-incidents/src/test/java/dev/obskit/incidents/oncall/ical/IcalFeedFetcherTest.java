package dev.obskit.incidents.oncall.ical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.incidents.oncall.Schedule;
import dev.obskit.incidents.oncall.ScheduleService;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fetching an overrides feed from a real local HTTP server. */
class IcalFeedFetcherTest {
  private static final TeamId TEAM = TeamId.of("sre");
  private static final ScheduleId ID = ScheduleId.of("primary");
  private static final String FEED = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0",
      "PRODID:-//test//EN", "BEGIN:VEVENT", "UID:1", "DTSTART:20260401T080000Z",
      "DTEND:20260401T100000Z", "SUMMARY:alice", "END:VEVENT", "END:VCALENDAR", "");

  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/feed.ics", ex -> respond(ex, 200, FEED.getBytes(StandardCharsets.UTF_8)));
    server.createContext("/missing", ex -> respond(ex, 404, "nope".getBytes(StandardCharsets.UTF_8)));
    server.createContext("/huge", ex -> respond(ex, 200, new byte[4096]));
    server.createContext("/chunked", ex -> {
      ex.getResponseHeaders().add("Content-Type", "text/calendar");
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i < 8; i++) {
          out.write(new byte[1024]);
        }
      }
    });
    server.createContext("/slow", ex -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      respond(ex, 200, FEED.getBytes(StandardCharsets.UTF_8));
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private static void respond(com.sun.net.httpserver.HttpExchange ex, int status, byte[] body)
      throws IOException {
    ex.getResponseHeaders().add("Content-Type", "text/calendar");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Test
  void importFromUrl_storesTheOverrides() throws IOException {
    ManualClock clock = ManualClock.startingAt("2026-03-20T00:00:00Z");
    ScheduleService service = ScheduleService.builder().setClock(clock)
        .setIdGenerator(IdGenerator.sequential("id")).build();
    service.create(Schedule.builder(TEAM, ID).build());
    OnCallCalendars calendars = new OnCallCalendars(service, clock, OverrideFeedParser.withDefaults());

    calendars.importOverrides(TEAM, ID, "gcal", URI.create(base + "/feed.ics"),
        IcalFeedFetcher.withDefaults());

    assertThat(service.whoIsOnCall(TEAM, ID, Instant.parse("2026-04-01T09:00:00Z")))
        .containsExactly(UserId.of("alice"));
  }

  @Test
  void errorsAndLimits_areClear_andSecretsAreNotEchoed() {
    IcalFeedFetcher fetcher = IcalFeedFetcher.create(Duration.ofSeconds(5), 2048);
    assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/missing?token=s3cret")))
        .isInstanceOf(CalendarImportException.class)
        .hasMessage("iCal feed http://127.0.0.1:" + server.getAddress().getPort()
            + "/... answered HTTP 404");
    assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/huge")))
        .hasMessageContaining("declares 4096 bytes, more than the limit of 2048; refused");
    assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/chunked")))
        .hasMessage("iCal feed is larger than 2048 bytes; refused");
    assertThatThrownBy(() -> fetcher.fetch(URI.create("file:///etc/passwd")))
        .hasMessage("iCal feed URL must be http, https or webcal, got file://?/...");
  }

  @Test
  void slowServer_givesUpAfterTheTimeout() {
    IcalFeedFetcher fetcher = IcalFeedFetcher.create(Duration.ofMillis(300), 2048);
    assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/slow")))
        .isInstanceOf(java.net.http.HttpTimeoutException.class);
  }
}
