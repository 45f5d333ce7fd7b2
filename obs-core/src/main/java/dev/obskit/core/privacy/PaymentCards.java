package dev.obskit.core.privacy;

/** Card-network prefixes (IIN ranges) and the Luhn checksum. */
final class PaymentCards {
  private PaymentCards() {}

  static boolean looksLikeCard(String digits) {
    return looksLikeCard(digits.toCharArray(), digits.length());
  }

  /** Tests the first {@code n} characters of {@code d}, which are all ASCII digits. */
  static boolean looksLikeCard(char[] d, int n) {
    return n >= 13 && n <= 19 && hasNetworkPrefix(d) && luhnValid(d, n);
  }

  private static boolean hasNetworkPrefix(char[] d) {
    int two = (d[0] - '0') * 10 + (d[1] - '0');
    int four = two * 100 + (d[2] - '0') * 10 + (d[3] - '0');
    return d[0] == '4' // Visa
        || (two >= 51 && two <= 55) || (four >= 2221 && four <= 2720) // Mastercard
        || two == 34 || two == 37 // American Express
        || four == 6011 || two == 65 || (four >= 6440 && four <= 6499) // Discover
        || two == 36 || two == 38 || (four >= 3000 && four <= 3059) // Diners Club
        || two == 35 // JCB
        || two == 62 // UnionPay
        || (four >= 5018 && four <= 5020) || four == 5038 || four == 6304 || four == 6759; // Maestro
  }

  static boolean luhnValid(String digits) {
    return luhnValid(digits.toCharArray(), digits.length());
  }

  private static boolean luhnValid(char[] digits, int n) {
    int sum = 0;
    boolean dbl = false;
    for (int i = n - 1; i >= 0; i--) {
      int d = digits[i] - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }
}
