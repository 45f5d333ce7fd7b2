package dev.obskit.store.jdbc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.obskit.billing.money.Money;
import dev.obskit.billing.period.BillingPeriod;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Currency;

/** JSON for obs-billing's two value classes that are not records: money and billing periods. */
final class BillingJson {
  private BillingJson() {}

  static SimpleModule module() {
    SimpleModule m = new SimpleModule("obskit-billing");
    m.addSerializer(Money.class, new JsonSerializer<>() {
      @Override
      public void serialize(Money v, JsonGenerator g, SerializerProvider p) throws IOException {
        g.writeStartObject();
        g.writeStringField("amount", v.amount().toPlainString());
        g.writeStringField("currency", v.currency().getCurrencyCode());
        g.writeEndObject();
      }
    });
    m.addDeserializer(Money.class, new JsonDeserializer<>() {
      @Override
      public Money deserialize(JsonParser p, DeserializationContext c) throws IOException {
        JsonNode n = p.readValueAsTree();
        return Money.of(new BigDecimal(n.get("amount").asText()),
            Currency.getInstance(n.get("currency").asText()));
      }
    });
    m.addSerializer(BillingPeriod.class, new JsonSerializer<>() {
      @Override
      public void serialize(BillingPeriod v, JsonGenerator g, SerializerProvider p)
          throws IOException {
        g.writeStartObject();
        g.writeStringField("month", v.month().toString());
        g.writeStringField("zone", v.zone().getId());
        g.writeEndObject();
      }
    });
    m.addDeserializer(BillingPeriod.class, new JsonDeserializer<>() {
      @Override
      public BillingPeriod deserialize(JsonParser p, DeserializationContext c) throws IOException {
        JsonNode n = p.readValueAsTree();
        return new BillingPeriod(YearMonth.parse(n.get("month").asText()),
            ZoneId.of(n.get("zone").asText()));
      }
    });
    return m;
  }
}
