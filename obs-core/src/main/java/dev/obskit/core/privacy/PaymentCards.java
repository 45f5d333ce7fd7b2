package dev.obskit.core.privacy;

/** Card-network prefixes (IIN ranges) and the Luhn checksum. */
final class PaymentCards {
  private PaymentCards() {}

  static boolean looksLikeCard(String digits) {
    int n = digits.length();
    return n >= 13 && n <= 19 && hasNetworkPrefix(digits) && luhnValid(digits);
  }

  private static boolean hasNetworkPrefix(String d) {
    int two = Integer.parseInt(d.substring(0, 2));
    int four = Integer.parseInt(d.substring(0, 4));
    return d.charAt(0) == '4' // Visa
        || (two >= 51 && two <= 55) || (four >= 2221 && four <= 2720) // Mastercard
        || two == 34 || two == 37 // American Express
        || d.startsWith("6011") || two == 65 || (four >= 6440 && four <= 6499) // Discover
        || two == 36 || two == 38 || (four >= 3000 && four <= 3059) // Diners Club
        || two == 35 // JCB
        || two == 62 // UnionPay
        || (four >= 5018 && four <= 5020) || four == 5038 || four == 6304 || four == 6759; // Maestro
  }

  static boolean luhnValid(String digits) {
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
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
