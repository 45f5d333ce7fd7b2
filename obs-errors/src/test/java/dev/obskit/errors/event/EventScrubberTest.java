package dev.obskit.errors.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.privacy.PiiScrubber;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventScrubberTest {
  private static final Instant T = Instant.parse("2026-11-22T02:08:52Z");
  private final EventScrubber scrubber = new EventScrubber(PiiScrubber.defaults());

  private static ExceptionValue ex(String type, String value) {
    return new ExceptionValue(type, value, "java.lang",
        List.of(StackFrame.java("com.shop.Orders", "place", "Orders.java", 12, true)), "chained", false, null);
  }

  private static ErrorEvent.Builder clean() {
    return ErrorEvent.builder().eventId("0".repeat(32)).timestamp(T).release("shop@1")
        .exceptions(List.of(ex("IOException", "connection reset"), ex("RuntimeException", "Order 42 failed")))
        .breadcrumbs(List.of(Breadcrumb.of(T, "http", "GET /cart 200")))
        .tags(Map.of("route", "/checkout")).user(new UserInfo("7", null, null, null))
        .contexts(Map.of("runtime", Map.of("name", "OpenJDK")));
  }

  @Test
  void scrub_whenNothingToScrub_returnsTheSameEvent() {
    ErrorEvent event = clean().build();
    assertThat(scrubber.scrub(event)).isSameAs(event);
  }

  @Test
  void scrub_emailInOneExceptionValue_replacesOnlyThatValue() {
    ErrorEvent event = clean().exceptions(List.of(ex("IOException", "connection reset"),
        ex("RuntimeException", "no account for bob@example.com"))).build();
    ErrorEvent out = scrubber.scrub(event);
    assertThat(out.exceptions()).hasSize(2);
    assertThat(out.exceptions().get(0)).isSameAs(event.exceptions().get(0));
    assertThat(out.exceptions().get(1).value()).isEqualTo("no account for [Filtered]");
    assertThat(out.exceptions().get(1).frames()).isEqualTo(event.exceptions().get(1).frames());
    assertThat(out.breadcrumbs()).isEqualTo(event.breadcrumbs());
    assertThat(out.tags()).isEqualTo(event.tags());
  }

  @Test
  void scrub_breadcrumbTagExtraUserAndRequest_eachScrubbed() {
    ErrorEvent event = clean()
        .breadcrumbs(List.of(Breadcrumb.of(T, "http", "GET /cart 200"),
            new Breadcrumb(T, "default", "auth", "login", Level.INFO, Map.of("password", "hunter2"))))
        .tags(Map.of("route", "/checkout", "api_key", "abc123"))
        .extra(Map.of("order", Map.of("contact", "bob@example.com")))
        .user(new UserInfo("7", "bob@example.com", "bob", "10.0.0.1"))
        .request(new RequestInfo("GET", "https://shop.example/cart",
            Map.of("Cookie", "session=1", "Accept", "text/html")))
        .build();
    ErrorEvent out = scrubber.scrub(event);
    assertThat(out.breadcrumbs().get(0)).isSameAs(event.breadcrumbs().get(0));
    assertThat(out.breadcrumbs().get(1).data()).containsEntry("password", "[Filtered]");
    assertThat(out.tags()).containsEntry("api_key", "[Filtered]").containsEntry("route", "/checkout");
    assertThat(out.extra()).isEqualTo(Map.of("order", Map.of("contact", "[Filtered]")));
    assertThat(out.user()).isEqualTo(new UserInfo("7", "[Filtered]", "bob", null));
    assertThat(out.request().headers()).containsOnlyKeys("Accept");
    assertThat(out.exceptions()).isEqualTo(event.exceptions());
  }

  @Test
  void scrub_messageWithParams_scrubsTemplateParamsAndFormatted() {
    ErrorEvent event = clean().exceptions(List.of())
        .logEntry(new LogEntry("user {} not found", List.of("bob@example.com"), "user bob@example.com not found"))
        .build();
    LogEntry out = scrubber.scrub(event).logEntry();
    assertThat(out).isEqualTo(new LogEntry("user {} not found", List.of("[Filtered]"), "user [Filtered] not found"));
  }
}
