package dev.obskit.errors.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.errors.TestKits;
import dev.obskit.errors.event.Level;
import dev.obskit.errors.grouping.GroupingStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryIssueRepositoryTest {
  private final IssueRepository repo = IssueRepository.inMemory();

  private static Issue issue(String id, String hash) {
    return new Issue(IssueId.of(id), TestKits.TEAM, TestKits.PROJECT, 1, hash, "v1",
        GroupingStrategy.APP_STACKTRACE, "E: x", "a in b", Level.ERROR,
        IssueStatus.UNRESOLVED, null, 0, null, TestKits.START, TestKits.START, 1, 0, null, null, 0);
  }

  @Test
  void insert_whenAnyHashBelongsToAnotherIssue_throwsNamingItAndStoresNothing() {
    repo.insert(issue("i1", "h1"), List.of("h1", "s1"));
    assertThatThrownBy(() -> repo.insert(issue("i2", "h2"), List.of("h2", "s1")))
        .isInstanceOf(DuplicateKeyException.class).hasMessageContaining("s1")
        .hasMessageContaining("i1");
    assertThat(repo.find(TestKits.TEAM, IssueId.of("i2"))).isEmpty();
    assertThat(repo.findByHash(TestKits.TEAM, TestKits.PROJECT, "h2")).isEmpty();
    assertThat(repo.findByHash(TestKits.TEAM, TestKits.PROJECT, "s1")).get()
        .extracting(Issue::id).isEqualTo(IssueId.of("i1"));
  }

  @Test
  void linkHash_linksOnceScopedByProjectAndBounded() {
    repo.insert(issue("i1", "h1"));
    assertThat(repo.linkHash(TestKits.TEAM, TestKits.PROJECT, IssueId.of("i1"), "s1")).isTrue();
    assertThat(repo.linkHash(TestKits.TEAM, TestKits.PROJECT, IssueId.of("i1"), "s1")).isFalse();
    assertThat(repo.findByHash(TestKits.TEAM, ProjectId.of("43"), "s1")).isEmpty();
    assertThat(repo.hashes(dev.obskit.core.id.TeamId.of("other"), IssueId.of("i1"))).isEmpty();
    for (int i = 0; i < IssueRepository.MAX_HASHES_PER_ISSUE; i++) {
      repo.linkHash(TestKits.TEAM, TestKits.PROJECT, IssueId.of("i1"), "x" + i);
    }
    List<String> hashes = repo.hashes(TestKits.TEAM, IssueId.of("i1"));
    assertThat(hashes).hasSize(IssueRepository.MAX_HASHES_PER_ISSUE).startsWith("h1", "s1");
    assertThat(repo.findByHash(TestKits.TEAM, TestKits.PROJECT,
        "x" + (IssueRepository.MAX_HASHES_PER_ISSUE - 1))).isEmpty();
  }
}
