package dev.obskit.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

  static Stream<Arguments> kinds() {
    return Stream.of(
        Arguments.of("TeamId", (Function<String, TypedId>) TeamId::of),
        Arguments.of("UserId", (Function<String, TypedId>) UserId::of),
        Arguments.of("MonitorId", (Function<String, TypedId>) MonitorId::of),
        Arguments.of("IncidentId", (Function<String, TypedId>) IncidentId::of),
        Arguments.of("ServiceId", (Function<String, TypedId>) ServiceId::of),
        Arguments.of("ScheduleId", (Function<String, TypedId>) ScheduleId::of),
        Arguments.of("EscalationPolicyId", (Function<String, TypedId>) EscalationPolicyId::of),
        Arguments.of("ProjectId", (Function<String, TypedId>) ProjectId::of),
        Arguments.of("AlertId", (Function<String, TypedId>) AlertId::of));
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void of_acceptsValidValuesAndToStringIsTheValue(String kind, Function<String, TypedId> of) {
    TypedId id = of.apply("Acme.prod_01:eu@x-1");

    assertThat(id.value()).isEqualTo("Acme.prod_01:eu@x-1");
    assertThat(id).hasToString("Acme.prod_01:eu@x-1");
    assertThat(of.apply("Acme.prod_01:eu@x-1")).isEqualTo(id).hasSameHashCodeAs(id);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void of_rejectsBadValuesNamingTheKind(String kind, Function<String, TypedId> of) {
    assertThatThrownBy(() -> of.apply(null)).isInstanceOf(NullPointerException.class).hasMessage(kind);
    assertThatThrownBy(() -> of.apply("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(kind + " must be 1 to 128 characters, got 0");
    assertThatThrownBy(() -> of.apply("a b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(kind + " may contain only letters, digits and ._:@- but got 'a b'");
  }

  @Test
  void differentKindsWithSameValue_areNotEqual() {
    assertThat((Object) TeamId.of("x")).isNotEqualTo(UserId.of("x"));
  }

  @Test
  void idFormat_acceptsMaxLengthAndRejectsLonger() {
    assertThat(TeamId.of("a".repeat(128)).value()).hasSize(128);
    assertThatThrownBy(() -> TeamId.of("a".repeat(129)))
        .hasMessage("TeamId must be 1 to 128 characters, got 129");
    assertThat(IdFormat.isValid("a".repeat(128))).isTrue();
    assertThat(IdFormat.isValid("a".repeat(129))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/b", "a\\b", "é", "a\nb", "a\u0000", "<script>", "a,b", "'", "a;b", "a%20"})
  void idFormat_rejectsCharactersOutsideTheSafeSet(String bad) {
    assertThat(IdFormat.isValid(bad)).isFalse();
    assertThatThrownBy(() -> IdFormat.check("X", bad)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void idFormat_errorMessageMasksControlCharactersAndTruncates() {
    assertThatThrownBy(() -> IdFormat.check("X", "bad\nline\u0007"))
        .hasMessage("X may contain only letters, digits and ._:@- but got 'bad?line?'");
    assertThatThrownBy(() -> IdFormat.check("X", "!" + "a".repeat(100)))
        .hasMessage("X may contain only letters, digits and ._:@- but got '!" + "a".repeat(39) + "...'");
    assertThat(IdFormat.isValid(null)).isFalse();
    assertThat(IdFormat.isValid("")).isFalse();
  }

  @Test
  void sequential_producesPrefixedCounter() {
    IdGenerator ids = IdGenerator.sequential("inc");

    assertThat(List.of(ids.next(), ids.next(), ids.next())).containsExactly("inc-1", "inc-2", "inc-3");
    assertThatThrownBy(() -> IdGenerator.sequential("bad prefix")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sequential_rejectsPrefixTooLongForItsIds() {
    assertThatThrownBy(() -> IdGenerator.sequential("p".repeat(128)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prefix");
  }

  @Test
  void timeOrdered_producesValid26CharacterLowercaseIds() {
    ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
    IdGenerator ids = IdGenerator.timeOrdered(clock);

    String id = ids.next();

    assertThat(id).hasSize(26).matches("[0-9a-hjkmnp-tv-z]{26}");
    assertThat(IdFormat.isValid(id)).isTrue();
    // 1767225600000 ms in Crockford base32, 10 characters
    assertThat(id.substring(0, 10)).isEqualTo(crockford(1_767_225_600_000L));
  }

  @Test
  void timeOrdered_sortsByClockTime() {
    ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
    IdGenerator ids = IdGenerator.timeOrdered(clock);
    List<String> generated = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      generated.add(ids.next());
      clock.advance(Duration.ofMillis(1));
    }

    assertThat(generated).isSorted();
  }

  @Test
  void timeOrdered_isMonotonicWithinTheSameMillisecond() {
    ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
    IdGenerator ids = IdGenerator.timeOrdered(clock);
    List<String> generated = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      generated.add(ids.next());
    }

    assertThat(generated).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void timeOrdered_isUniqueAcrossThreads() throws Exception {
    IdGenerator ids = IdGenerator.timeOrdered(ManualClock.startingAt("2026-01-01T00:00:00Z"));
    Set<String> all = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 5000; i++) {
            all.add(ids.next());
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(all).hasSize(20_000);
  }

  @Test
  void timeOrdered_withDifferentGenerators_areUnique() {
    ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
    Set<String> seen = new HashSet<>();
    for (int g = 0; g < 100; g++) {
      seen.add(IdGenerator.timeOrdered(clock).next());
    }

    assertThat(seen).hasSize(100);
    assertThatThrownBy(() -> IdGenerator.timeOrdered(null)).hasMessage("clock");
  }

  /** Independent encoder for the test: 48-bit time in 10 Crockford base32 characters. */
  private static String crockford(long millis) {
    String alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      sb.insert(0, alphabet.charAt((int) (millis % 32)));
      millis /= 32;
    }
    return sb.toString();
  }
}
