package dev.obskit.incidents;

import dev.obskit.core.config.ConfigException;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.incidents.notify.AngusMailSender;
import dev.obskit.incidents.notify.EmailNotifier;
import dev.obskit.incidents.notify.PhoneNotifier;
import dev.obskit.incidents.notify.SignedWebhookNotifier;
import dev.obskit.incidents.notify.SlackWebhookNotifier;
import dev.obskit.incidents.notify.TeamsWebhookNotifier;
import dev.obskit.incidents.notify.TwilioPhoneGateway;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** Creates the notifiers that {@code obs.incidents.*} properties enable. */
final class ChannelConfig {
  private ChannelConfig() {}

  static void addConfigured(IncidentsConfig.Builder b, ConfigProperties c, Clock clock) {
    if (c.getBoolean("obs.incidents.slack.enabled", true)) {
      b.addNotifier(new SlackWebhookNotifier());
    }
    if (c.getBoolean("obs.incidents.teams.enabled", true)) {
      b.addNotifier(new TeamsWebhookNotifier());
    }
    String webhookSecret = c.getString("obs.incidents.webhook.secret");
    if (webhookSecret != null) {
      byte[] secret = webhookSecret.getBytes(StandardCharsets.UTF_8);
      if (secret.length < 16) {
        throw new ConfigException("obs.incidents.webhook.secret", "must be at least 16 bytes");
      }
      b.addNotifier(new SignedWebhookNotifier(secret, clock));
    }
    String sid = c.getString("obs.incidents.twilio.account-sid");
    if (sid != null) {
      try {
        TwilioPhoneGateway twilio = new TwilioPhoneGateway(sid,
            c.require("obs.incidents.twilio.auth-token"), c.require("obs.incidents.twilio.from"));
        b.addNotifier(PhoneNotifier.sms(twilio)).addNotifier(PhoneNotifier.voice(twilio));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("obs.incidents.twilio.account-sid", e.getMessage());
      }
    }
    String smtpHost = c.getString("obs.incidents.smtp.host");
    if (smtpHost != null) {
      b.addNotifier(smtp(c, smtpHost));
    }
  }

  private static EmailNotifier smtp(ConfigProperties c, String host) {
    try {
      Class.forName("jakarta.mail.Session", false, ChannelConfig.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ConfigException("obs.incidents.smtp.host", "is set but org.eclipse.angus:angus-mail "
          + "is not on the class path; add it as a dependency to send e-mail");
    }
    AngusMailSender sender = new AngusMailSender(host, c.getInt("obs.incidents.smtp.port", 587),
        c.getString("obs.incidents.smtp.username"), c.getString("obs.incidents.smtp.password"),
        c.getBoolean("obs.incidents.smtp.starttls", true),
        c.getDuration("obs.incidents.smtp.timeout", Duration.ofSeconds(10)));
    return new EmailNotifier(sender, c.require("obs.incidents.smtp.from"));
  }
}
