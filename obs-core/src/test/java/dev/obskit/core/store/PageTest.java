package dev.obskit.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {

  @Test
  void pageRequest_defaultsAndNext() {
    assertThat(PageRequest.first()).isEqualTo(new PageRequest(0, 50));
    assertThat(PageRequest.first(10).next()).isEqualTo(new PageRequest(10, 10));
    assertThat(new PageRequest(0, 1000).limit()).isEqualTo(1000);
  }

  @Test
  void pageRequest_rejectsBadBoundsNamingThem() {
    assertThatThrownBy(() -> new PageRequest(-1, 10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offset must be >= 0, got -1");
    assertThatThrownBy(() -> new PageRequest(0, 0)).hasMessage("limit must be between 1 and 1000, got 0");
    assertThatThrownBy(() -> new PageRequest(0, 1001)).hasMessage("limit must be between 1 and 1000, got 1001");
  }

  @Test
  void pageRequest_next_whenOffsetWouldOverflow_throwsClearly() {
    PageRequest last = new PageRequest(Integer.MAX_VALUE - 5, 10);

    assertThatThrownBy(last::next).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(String.valueOf(Integer.MAX_VALUE - 5));
  }

  @Test
  void page_hasNextDependsOnTotal() {
    assertThat(new Page<>(List.of(1, 2), PageRequest.first(2), 5).hasNext()).isTrue();
    assertThat(new Page<>(List.of(5), new PageRequest(4, 2), 5).hasNext()).isFalse();
    assertThat(new Page<>(List.of(1, 2), PageRequest.first(2), 5).nextRequest()).contains(new PageRequest(2, 2));
  }

  @Test
  void page_copiesItems() {
    List<Integer> items = new ArrayList<>(List.of(1));
    Page<Integer> page = new Page<>(items, PageRequest.first(), 1);
    items.add(2);

    assertThat(page.items()).containsExactly(1);
    assertThatThrownBy(() -> new Page<>(List.of(), null, 0)).hasMessage("request");
  }
}
