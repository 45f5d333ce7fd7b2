package dev.obskit.incidents.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.DeliveryStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class TwilioPhoneGatewayTest {
  private static final String SID = "AC0123456789abcdef0123456789abcdef";
  private static final String TOKEN = "tok3n";

  private static String basic() {
    return "Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN)
        .getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void sms_postsExactFormToMessagesWithBasicAuth() throws Exception {
    try (MockWebServer twilio = new MockWebServer()) {
      twilio.enqueue(new MockResponse().setResponseCode(201).setBody("{\"sid\":\"SM1\"}"));
      TwilioPhoneGateway gw = new TwilioPhoneGateway(SID, TOKEN, "+15559999999",
          twilio.url("/").toString(), new OkHttpClient());
      PhoneNotifier sms = PhoneNotifier.sms(gw);
      assertThat(sms.send(Notifications.sample(ChannelKind.SMS, "+15550001111")).isDelivered()).isTrue();
      RecordedRequest req = twilio.takeRequest(5, TimeUnit.SECONDS);
      assertThat(req.getPath()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json");
      assertThat(req.getHeader("Authorization")).isEqualTo(basic());
      assertThat(req.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
      assertThat(req.getBody().readUtf8()).isEqualTo("To=%2B15550001111&From=%2B15559999999"
          + "&Body=%5BSEV1%5D%20Checkout%3A%20HTTP%20503%20on%20%2Fpay%20Ack%3A%20"
          + "https%3A%2F%2Fobs.example%2Fi%2Fteam-a%2Finc-7%2Facknowledge%3Ftoken%3Dt1");
    }
  }

  @Test
  void voice_postsTwimlSayToCalls() throws Exception {
    try (MockWebServer twilio = new MockWebServer()) {
      twilio.enqueue(new MockResponse().setResponseCode(201));
      TwilioPhoneGateway gw = new TwilioPhoneGateway(SID, TOKEN, "+15559999999",
          twilio.url("/").toString(), new OkHttpClient());
      assertThat(gw.call("+15550001111", "Checkout <down> & out").isDelivered()).isTrue();
      RecordedRequest req = twilio.takeRequest(5, TimeUnit.SECONDS);
      assertThat(req.getPath()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Calls.json");
      assertThat(req.getHeader("Authorization")).isEqualTo(basic());
      assertThat(req.getBody().readUtf8()).isEqualTo("To=%2B15550001111&From=%2B15559999999"
          + "&Twiml=%3CResponse%3E%3CSay%3ECheckout%20%26lt%3Bdown%26gt%3B%20%26amp%3B%20out"
          + "%3C%2FSay%3E%3C%2FResponse%3E");
    }
  }

  @Test
  void twilioErrors_areClassified_andBadNumbersNeverSent() throws Exception {
    try (MockWebServer twilio = new MockWebServer()) {
      twilio.enqueue(new MockResponse().setResponseCode(400).setBody("{\"code\":21211}"));
      twilio.enqueue(new MockResponse().setResponseCode(503));
      TwilioPhoneGateway gw = new TwilioPhoneGateway(SID, TOKEN, "+15559999999",
          twilio.url("/").toString(), new OkHttpClient());
      assertThat(gw.sendSms("+15550001111", "x").status()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
      assertThat(gw.sendSms("+15550001111", "x").status()).isEqualTo(DeliveryStatus.RETRYABLE_FAILURE);
      assertThat(PhoneNotifier.sms(gw).send(Notifications.sample(ChannelKind.SMS, "555-1234")).status())
          .isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
      assertThat(twilio.getRequestCount()).isEqualTo(2);
    }
  }

  @Test
  void constructor_rejectsBadSidAndNumber() {
    assertThatThrownBy(() -> new TwilioPhoneGateway("XX1", TOKEN, "+15559999999"))
        .hasMessageContaining("account SID");
    assertThatThrownBy(() -> new TwilioPhoneGateway(SID, TOKEN, "5559999"))
        .hasMessage("Twilio from number must be E.164, got '5559999'");
  }
}
