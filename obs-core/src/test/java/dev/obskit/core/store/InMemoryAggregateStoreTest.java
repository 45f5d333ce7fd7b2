package dev.obskit.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryAggregateStoreTest {
  private static final TeamId TEAM = TeamId.of("team-a");
  private static final TeamId OTHER = TeamId.of("team-b");

  record Monitor(MonitorId id, TeamId teamId, long version, String url) implements Aggregate<MonitorId> {
    Monitor withUrl(String newUrl) {
      return new Monitor(id, teamId, version + 1, newUrl);
    }
  }

  private final InMemoryAggregateStore<MonitorId, Monitor> store = new InMemoryAggregateStore<>();

  private static Monitor monitor(TeamId team, String id, String url) {
    return new Monitor(MonitorId.of(id), team, Versioned.INITIAL_VERSION, url);
  }

  @Test
  void insert_thenFind_returnsIt() {
    Monitor m = monitor(TEAM, "m1", "https://a.test");

    assertThat(store.insert(m)).isSameAs(m);
    assertThat(store.find(TEAM, MonitorId.of("m1"))).containsSame(m);
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void insert_whenIdTaken_throwsDuplicateKeyAndKeepsOriginal() {
    Monitor original = monitor(TEAM, "m1", "https://a.test");
    store.insert(original);

    assertThatThrownBy(() -> store.insert(monitor(TEAM, "m1", "https://b.test")))
        .isInstanceOf(DuplicateKeyException.class).hasMessage("team-a/m1 already exists");
    assertThat(store.find(TEAM, MonitorId.of("m1"))).containsSame(original);
  }

  @Test
  void insert_whenVersionNotInitial_throwsNamingIt() {
    assertThatThrownBy(() -> store.insert(new Monitor(MonitorId.of("m1"), TEAM, 2, "u")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a new aggregate must have version 1, got 2 for m1");
    assertThatThrownBy(() -> store.insert(null)).hasMessage("aggregate");
    assertThatThrownBy(() -> store.insert(new Monitor(MonitorId.of("m1"), null, 1, "u"))).hasMessage("teamId");
  }

  @Test
  void sameIdInTwoTeams_areIsolated() {
    store.insert(monitor(TEAM, "m1", "a"));
    store.insert(monitor(OTHER, "m1", "b"));

    assertThat(store.find(TEAM, MonitorId.of("m1"))).map(Monitor::url).contains("a");
    assertThat(store.find(OTHER, MonitorId.of("m1"))).map(Monitor::url).contains("b");
    assertThat(store.listAll(TEAM, m -> true)).extracting(Monitor::url).containsExactly("a");
    assertThat(store.delete(OTHER, MonitorId.of("m1"))).isTrue();
    assertThat(store.find(TEAM, MonitorId.of("m1"))).isPresent();
    assertThat(store.find(OTHER, MonitorId.of("m1"))).isEmpty();
  }

  @Test
  void update_withNextVersion_replaces() {
    Monitor v1 = store.insert(monitor(TEAM, "m1", "a"));

    Monitor v2 = store.update(v1.withUrl("b"));
    Monitor v3 = store.update(v2.withUrl("c"));

    assertThat(v3.version()).isEqualTo(3);
    assertThat(store.find(TEAM, MonitorId.of("m1"))).containsSame(v3);
  }

  @Test
  void update_withStaleVersion_throwsAndKeepsStored() {
    Monitor v1 = store.insert(monitor(TEAM, "m1", "a"));
    Monitor v2 = store.update(v1.withUrl("b"));

    StaleVersionException e = catchThrowableOfType(StaleVersionException.class,
        () -> store.update(v1.withUrl("lost update")));

    assertThat(e).hasMessage("team-a/m1 is at version 2, not 1 as the update expected");
    assertThat(e.expected()).isEqualTo(1);
    assertThat(e.actual()).isEqualTo(2);
    assertThat(store.find(TEAM, MonitorId.of("m1"))).containsSame(v2);
  }

  @Test
  void update_skippingAVersion_throws() {
    Monitor v1 = store.insert(monitor(TEAM, "m1", "a"));

    assertThatThrownBy(() -> store.update(v1.withUrl("b").withUrl("c")))
        .isInstanceOf(StaleVersionException.class);
  }

  @Test
  void update_whenAggregateMissing_throwsStaleWithActualZeroAndStoresNothing() {
    StaleVersionException e = catchThrowableOfType(StaleVersionException.class,
        () -> store.update(new Monitor(MonitorId.of("ghost"), TEAM, 2, "u")));
    assertThat(e.actual()).isZero();

    StaleVersionException fresh = catchThrowableOfType(StaleVersionException.class,
        () -> store.update(monitor(TEAM, "ghost", "u")));
    assertThat(fresh).isNotNull();
    assertThat(fresh.actual()).isZero();
    assertThat(store.find(TEAM, MonitorId.of("ghost"))).isEmpty();
    assertThat(store.size()).isZero();
  }

  @Test
  void update_afterDelete_throwsStale() {
    Monitor v1 = store.insert(monitor(TEAM, "m1", "a"));
    store.delete(TEAM, MonitorId.of("m1"));

    assertThatThrownBy(() -> store.update(v1.withUrl("b"))).isInstanceOf(StaleVersionException.class);
    assertThat(store.delete(TEAM, MonitorId.of("m1"))).isFalse();
  }

  @Test
  void update_concurrentWritersOfSameVersion_exactlyOneWinsEachRound() throws Exception {
    store.insert(monitor(TEAM, "m1", "start"));
    int writers = 8;
    int rounds = 200;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int round = 0; round < rounds; round++) {
        Monitor current = store.find(TEAM, MonitorId.of("m1")).orElseThrow();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          String url = "r" + round + "w" + w;
          results.add(pool.submit(() -> {
            go.await();
            try {
              store.update(current.withUrl(url));
              return true;
            } catch (StaleVersionException e) {
              return false;
            }
          }));
        }
        go.countDown();
        int winners = 0;
        for (Future<Boolean> f : results) {
          winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(winners).as("round %d", round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.find(TEAM, MonitorId.of("m1")).orElseThrow().version()).isEqualTo(1 + rounds);
  }

  @Test
  void list_filtersSortsAndPages() {
    for (int i = 1; i <= 7; i++) {
      store.insert(monitor(TEAM, "m" + i, "u" + i));
    }
    store.insert(monitor(OTHER, "m99", "other"));
    Comparator<Monitor> byUrlDesc = Comparator.comparing(Monitor::url).reversed();

    Page<Monitor> first = store.list(TEAM, m -> !m.url().equals("u4"), byUrlDesc, PageRequest.first(4));
    Page<Monitor> second = store.list(TEAM, m -> !m.url().equals("u4"), byUrlDesc, first.nextRequest().orElseThrow());

    assertThat(first.items()).extracting(Monitor::url).containsExactly("u7", "u6", "u5", "u3");
    assertThat(first.total()).isEqualTo(6);
    assertThat(first.hasNext()).isTrue();
    assertThat(second.items()).extracting(Monitor::url).containsExactly("u2", "u1");
    assertThat(second.hasNext()).isFalse();
    assertThat(second.nextRequest()).isEmpty();
  }

  @Test
  void list_offsetBeyondEnd_returnsEmptyPage() {
    store.insert(monitor(TEAM, "m1", "u"));

    Page<Monitor> page = store.list(TEAM, m -> true, Comparator.comparing(Monitor::url), new PageRequest(10, 5));

    assertThat(page.items()).isEmpty();
    assertThat(page.total()).isEqualTo(1);
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void listAll_requiresTeamAndFilter() {
    assertThatThrownBy(() -> store.listAll(null, m -> true)).hasMessage("teamId");
    assertThatThrownBy(() -> store.listAll(TEAM, null)).hasMessage("filter");
    assertThatThrownBy(() -> store.list(TEAM, m -> true, null, PageRequest.first())).hasMessage("order");
    assertThatThrownBy(() -> store.list(TEAM, m -> true, Comparator.comparing(Monitor::url), null))
        .hasMessage("page");
  }
}
