package dev.obskit.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Properties over generated input; the expected values come from an independent Luhn below. */
class PiiScrubberPropertiesTest {
  private final PiiScrubber scrubber = PiiScrubber.defaults();

  @Property(tries = 300)
  void scrubText_neverThrowsAndIsIdempotent(@ForAll @StringLength(max = 300) String text) {
    String once = scrubber.scrubText(text);

    assertThat(scrubber.scrubText(once)).isEqualTo(once);
  }

  @Property(tries = 300)
  void scrubText_onTextBuiltFromTrickyPieces_neverThrowsAndIsIdempotent(@ForAll("trickyText") String text) {
    String once = scrubber.scrubText(text);

    assertThat(scrubber.scrubText(once)).isEqualTo(once);
  }

  @Property(tries = 300)
  void scrubText_removesEveryValidVisaNumberWhateverItsGrouping(@ForAll("visaNumbers") String digits,
      @ForAll("groupings") List<Integer> groups, @ForAll("separators") String separator) {
    String grouped = group(digits, groups, separator);

    String out = scrubber.scrubText("paid with " + grouped + " today");

    assertThat(out).isEqualTo("paid with [Filtered] today");
  }

  @Property(tries = 300)
  void scrubText_leavesNumbersWithAWrongCheckDigit(@ForAll("visaNumbers") String digits) {
    char last = digits.charAt(digits.length() - 1);
    String wrong = digits.substring(0, digits.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);

    assertThat(scrubber.scrubText("ref " + wrong)).isEqualTo("ref " + wrong);
  }

  @Property(tries = 500)
  void scrubText_neverLeaksASecretInAnyKnownForm(@ForAll("secrets") String secret,
      @ForAll("secretForms") String form, @ForAll("noise") String before, @ForAll("noise") String after) {
    String text = before + form.replace("{S}", secret) + after;

    assertThat(scrubber.scrubText(text)).doesNotContain(secret);
  }

  @Provide
  Arbitrary<String> secrets() {
    return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
        .ofMinLength(8).ofMaxLength(24).filter(s -> !s.contains("Filtered") && s.chars().anyMatch(Character::isDigit));
  }

  @Provide
  Arbitrary<String> secretForms() {
    return Arbitraries.of("password={S}", "db.password = {S}", "\"password\":\"{S}\"", "{\"api_key\": \"{S} x\"}",
        "'secret': '{S}'", "token: {S}", "?user=bob&access_token={S}&x=1", "https://h.test/cb?client_secret={S}",
        "Authorization: Bearer {S}", "Authorization: Basic {S}", "Cookie: session={S}", "Set-Cookie: id={S}; Path=/",
        "bearer {S}", "postgres://app:{S}@db.internal:5432/x", "X-Api-Key: {S}", "{\"Authorization\":\"Bearer {S}\"}");
  }

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.of("", " ", "GET /x ", "2026-01-01T00:00:00Z INFO ", "user=bob ", "\n", ", ", "a:b ",
        "status=200 ", "[req-1] ");
  }

  @Provide
  Arbitrary<String> visaNumbers() {
    return Arbitraries.strings().numeric().ofLength(14).map(body -> {
      String partial = "4" + body; // 15 digits, the 16th is the check digit
      return partial + checkDigit(partial);
    });
  }

  @Provide
  Arbitrary<List<Integer>> groupings() {
    return Arbitraries.of(List.of(16), List.of(4, 4, 4, 4), List.of(4, 6, 6), List.of(8, 8), List.of(2, 14));
  }

  @Provide
  Arbitrary<String> separators() {
    return Arbitraries.of(" ", "-");
  }

  @Provide
  Arbitrary<String> trickyText() {
    Arbitrary<String> piece = Arbitraries.of("password", "=", ":", "\"", "'", "\\", " ", "@", ".", "a", "1",
        "4111", "-", "Bearer ", "Cookie: ", "\n", "://", "token", "{", "}", "&", "?", "[Filtered]", "é");
    return piece.list().ofMaxSize(40).map(parts -> String.join("", parts));
  }

  private static String group(String digits, List<Integer> sizes, String separator) {
    StringBuilder sb = new StringBuilder();
    int at = 0;
    for (int size : sizes) {
      if (sb.length() > 0) {
        sb.append(separator);
      }
      sb.append(digits, at, at + size);
      at += size;
    }
    return sb.toString();
  }

  /** The Luhn check digit, computed independently of the code under test. */
  private static int checkDigit(String partial) {
    int sum = 0;
    for (int i = 0; i < partial.length(); i++) {
      int d = partial.charAt(partial.length() - 1 - i) - '0';
      if (i % 2 == 0) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
    }
    return (10 - sum % 10) % 10;
  }
}
