package dev.obskit.incidents.notify;

import dev.obskit.core.notify.DeliveryResult;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * SMS and calls through Twilio's REST API (2010-04-01): {@code POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json} with form fields {@code To}, {@code From},
 * {@code Body}, and {@code POST .../Calls.json} with {@code To}, {@code From}, {@code Twiml}
 * ({@code <Response><Say>...</Say></Response>}), authenticated with HTTP Basic {@code
 * AccountSid:AuthToken}. Twilio answers 201 on success. Thread-safe.
 */
public final class TwilioPhoneGateway implements PhoneGateway {
  /** Twilio's API base URL. */
  public static final String DEFAULT_BASE_URL = "https://api.twilio.com";
  private static final Pattern SID = Pattern.compile("^AC[0-9a-fA-F]{32}$");

  private final HttpUrl base;
  private final String accountSid;
  private final String authorization;
  private final String from;
  private final OkHttpClient client;

  /**
   * Creates a gateway for the account; {@code from} is the Twilio number (E.164); {@code baseUrl}
   * is {@link #DEFAULT_BASE_URL} except in tests.
   */
  public TwilioPhoneGateway(String accountSid, String authToken, String from, String baseUrl,
      OkHttpClient client) {
    Objects.requireNonNull(accountSid, "accountSid");
    Objects.requireNonNull(authToken, "authToken");
    Objects.requireNonNull(from, "from");
    if (!SID.matcher(accountSid).matches()) {
      throw new IllegalArgumentException("Twilio account SID must be AC followed by 32 hex digits");
    }
    if (!PhoneNotifier.E164.matcher(from).matches()) {
      throw new IllegalArgumentException("Twilio from number must be E.164, got '" + from + "'");
    }
    this.base = HttpPoster.parseUrl("Twilio base URL", baseUrl);
    this.accountSid = accountSid;
    this.authorization = Credentials.basic(accountSid, authToken);
    this.from = from;
    this.client = Objects.requireNonNull(client, "client");
  }

  /** Creates a gateway against the real Twilio API on the shared client. */
  public TwilioPhoneGateway(String accountSid, String authToken, String from) {
    this(accountSid, authToken, from, DEFAULT_BASE_URL, HttpPoster.defaultClient());
  }

  @Override
  public String getName() {
    return "twilio";
  }

  @Override
  public DeliveryResult sendSms(String to, String text) {
    FormBody body = new FormBody.Builder().add("To", to).add("From", from).add("Body", text).build();
    return HttpPoster.post(client, endpoint("Messages.json"), body,
        Map.of("Authorization", authorization));
  }

  @Override
  public DeliveryResult call(String to, String spokenText) {
    String twiml = "<Response><Say>" + xmlEscape(spokenText) + "</Say></Response>";
    FormBody body = new FormBody.Builder().add("To", to).add("From", from).add("Twiml", twiml).build();
    return HttpPoster.post(client, endpoint("Calls.json"), body,
        Map.of("Authorization", authorization));
  }

  private HttpUrl endpoint(String resource) {
    return base.newBuilder().addPathSegment("2010-04-01").addPathSegment("Accounts")
        .addPathSegment(accountSid).addPathSegment(resource).build();
  }

  static String xmlEscape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;").replace("'", "&apos;");
  }
}
