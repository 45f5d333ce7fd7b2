package dev.obskit.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import dev.obskit.telemetry.sink.SinkBatch;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a child JVM with SIGKILL mid-stream and checks nothing that was appended is lost. */
class CrashRecoveryTest {
  private static final int KILL_AFTER = 50_000;
  @TempDir Path dir;

  private static List<String> command(boolean withChronicleFlags, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (withChronicleFlags) {
      for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
        if (a.startsWith("--add-opens") || a.startsWith("--add-exports")
            || a.startsWith("-Dchronicle")) {
          cmd.add(a);
        }
      }
    }
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ChildProcessMain.class.getName());
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Test
  void sigkillMidStream_thenRestart_everyAppendedEventArrives_fewDuplicates() throws Exception {
    List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    List<Map.Entry<String, List<Map<String, Object>>>> batches = new CopyOnWriteArrayList<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          List<Map<String, Object>> records = TestSupport.jsonArray(TestSupport.body(request));
          batches.add(Map.entry(request.getHeader(SinkBatch.BATCH_ID_HEADER), records));
          received.addAll(records);
          return new MockResponse().setResponseCode(202);
        }
      });
      server.start();
      String url = server.url("/").toString();
      Process child = new ProcessBuilder(command(true, "emit", dir.toString(), url))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      int lastAcked = -1;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          assertThat(line).doesNotStartWith("DROPPED");
          if (line.startsWith("APPENDED ")) {
            lastAcked = Integer.parseInt(line.substring(9));
            if (lastAcked >= KILL_AFTER) {
              break;
            }
          }
        }
        child.destroyForcibly(); // SIGKILL on Unix
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(lastAcked).isGreaterThanOrEqualTo(KILL_AFTER);
      int beforeRestart = received.size();

      try (Telemetry restarted = Telemetry.start(ChildProcessMain.config(dir, url))) {
        int mustArrive = lastAcked;
        try {
          await().atMost(Duration.ofSeconds(60)).until(() -> seqs(received).size() > mustArrive
              && restarted.stats().queued() == 0);
        } finally {
          System.err.println("crash recovery: received=" + received.size() + " distinct=" + seqs(received).size()
              + " before=" + beforeRestart + " acked=" + mustArrive + " stats=" + restarted.stats());
        }
      }
      Set<Integer> distinct = seqs(received);
      for (int i = 0; i <= lastAcked; i++) {
        assertThat(distinct).as("event %d appended before the kill", i).contains(i);
      }
      int duplicates = received.size() - distinct.size();
      assertThat((double) duplicates / distinct.size()).as("duplicates %d of %d (%d before restart)",
          duplicates, distinct.size(), beforeRestart).isLessThan(0.001);

      // A receiver that drops every batch whose id it has already seen gets each event once: the
      // batch cut off by the kill is re-sent after the restart as the same batch, same id.
      Set<String> seenIds = new HashSet<>();
      List<Map<String, Object>> deduplicated = new ArrayList<>();
      for (Map.Entry<String, List<Map<String, Object>>> b : batches) {
        if (seenIds.add(b.getKey())) {
          deduplicated.addAll(b.getValue());
        }
      }
      assertThat(seqs(deduplicated)).hasSize(deduplicated.size()).containsAll(distinct);
    }
  }

  @Test
  void sigkillWithFourWritersOnFourShards_thenRestart_everyShardDrained_orderPerWriterKept()
      throws Exception {
    int writers = ChildProcessMain.THREADS;
    int killAfterEach = KILL_AFTER / writers;
    List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          received.addAll(TestSupport.jsonArray(TestSupport.body(request)));
          return new MockResponse().setResponseCode(202);
        }
      });
      server.start();
      String url = server.url("/").toString();
      Process child = new ProcessBuilder(command(true, "emit-threads", dir.toString(), url))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      int[] lastAcked = new int[writers];
      java.util.Arrays.fill(lastAcked, -1);
      try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          assertThat(line).doesNotStartWith("DROPPED");
          if (line.startsWith("APPENDED ")) {
            String[] parts = line.split(" ");
            lastAcked[Integer.parseInt(parts[1])] = Integer.parseInt(parts[2]);
            if (java.util.Arrays.stream(lastAcked).allMatch(a -> a >= killAfterEach)) {
              break;
            }
          }
        }
        child.destroyForcibly(); // SIGKILL on Unix
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      for (int w = 1; w < writers; w++) {
        assertThat(dir.resolve("buffer").resolve("shard-" + w)).as("shard %d", w).isDirectory();
      }

      try (Telemetry restarted = Telemetry.start(ChildProcessMain.config(dir, url))) {
        await().atMost(Duration.ofSeconds(60)).until(() -> restarted.stats().queued() == 0
            && allArrived(received, lastAcked));
      }
      Map<Integer, List<Integer>> firstSeen = new java.util.HashMap<>();
      Set<String> seen = new HashSet<>();
      for (Map<String, Object> r : received) {
        Map<?, ?> a = (Map<?, ?>) r.get("attributes");
        int w = ((Number) a.get("writer")).intValue();
        int seq = ((Number) a.get("seq")).intValue();
        if (seen.add(w + ":" + seq)) {
          firstSeen.computeIfAbsent(w, k -> new ArrayList<>()).add(seq);
        }
      }
      for (int w = 0; w < writers; w++) {
        List<Integer> seqs = firstSeen.get(w);
        assertThat(seqs).as("writer %d in order", w).isSorted();
        assertThat(seqs.size()).as("writer %d complete up to its last ack", w)
            .isGreaterThan(lastAcked[w]);
        assertThat(seqs.subList(0, lastAcked[w] + 1)).as("writer %d gap-free", w)
            .isEqualTo(java.util.stream.IntStream.rangeClosed(0, lastAcked[w]).boxed().toList());
      }
      int duplicates = received.size() - seen.size();
      assertThat((double) duplicates / seen.size()).as("duplicates %d of %d", duplicates,
          seen.size()).isLessThan(0.001);
    }
  }

  private static boolean allArrived(List<Map<String, Object>> received, int[] lastAcked) {
    int[] count = new int[lastAcked.length];
    Set<String> seen = new HashSet<>();
    for (Map<String, Object> r : received) {
      Map<?, ?> a = (Map<?, ?>) r.get("attributes");
      int w = ((Number) a.get("writer")).intValue();
      int seq = ((Number) a.get("seq")).intValue();
      if (seq <= lastAcked[w] && seen.add(w + ":" + seq)) {
        count[w]++;
      }
    }
    for (int w = 0; w < lastAcked.length; w++) {
      if (count[w] <= lastAcked[w]) {
        return false;
      }
    }
    return true;
  }

  @Test
  void missingJvmFlags_failAtStart_namingTheFlagsAndTheInMemoryOption() throws Exception {
    Process child = new ProcessBuilder(command(false, "flags", dir.resolve("b").toString()))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).startsWith("FAILED")
        .contains("--add-opens=java.base/java.lang.reflect=ALL-UNNAMED")
        .contains("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED")
        .contains("obs.telemetry.buffer.type=memory");
    assertThat(new File(dir.resolve("b").toString()).exists()).isFalse();
  }

  @SuppressWarnings("unchecked")
  private static Set<Integer> seqs(List<Map<String, Object>> received) {
    Set<Integer> s = new HashSet<>();
    AtomicInteger bad = new AtomicInteger();
    for (Map<String, Object> r : received) {
      Object seq = ((Map<String, Object>) r.get("attributes")).get("seq");
      if (seq instanceof Number) {
        s.add(((Number) seq).intValue());
      } else {
        bad.incrementAndGet();
      }
    }
    assertThat(bad.get()).isZero();
    return s;
  }

}
