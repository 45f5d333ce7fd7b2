package dev.obskit.telemetry.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.telemetry.TestSupport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.message.StringMapMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObsKitLog4j2AppenderTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void log4j2Xml_capturesThreadContextMarkersMapMessageAndThrowable() throws Exception {
    System.setProperty("obskit.test.dir", dir.toString());
    URI config = getClass().getResource("/obskit-log4j2.xml").toURI();
    LoggerContext ctx = Configurator.initialize("obskit-test", null, config);
    try {
      assertThat(ctx.getConfiguration().getAppenders()).containsKey("obskit");
      Logger log = ctx.getLogger("app.Billing");
      ThreadContext.put("tenant", "acme");
      log.info(MarkerManager.getMarker("BILLING").setParents(MarkerManager.getMarker("AUDIT")),
          "invoice {} sent", "inv-7");
      ThreadContext.clearAll();
      log.warn(new StringMapMessage().with("invoice", "inv-8").with("message", "overdue"));
      log.error("charge failed", new IllegalArgumentException("bad amount"));
    } finally {
      Configurator.shutdown(ctx);
      ThreadContext.clearAll();
      System.clearProperty("obskit.test.dir");
    }
    List<Map<String, Object>> records = TestSupport.ndjson(
        Files.readAllBytes(dir.resolve("logs").resolve("telemetry-00001.ndjson")));
    assertThat(records).hasSize(3);
    assertThat(records.get(0).get("message")).isEqualTo("invoice inv-7 sent");
    assertThat(records.get(0).get("level")).isEqualTo("INFO");
    assertThat((List<Object>) records.get(0).get("markers")).containsExactly("BILLING", "AUDIT");
    assertThat((Map<String, Object>) records.get(0).get("attributes")).containsEntry("tenant", "acme");
    assertThat((Map<String, Object>) records.get(1).get("attributes")).containsEntry("invoice", "inv-8");
    assertThat(records.get(1).get("level")).isEqualTo("WARN");
    Map<String, Object> ex = (Map<String, Object>) records.get(2).get("exception");
    assertThat(ex.get("type")).isEqualTo("java.lang.IllegalArgumentException");
    assertThat((String) ex.get("stacktrace")).contains("bad amount");
  }
}
