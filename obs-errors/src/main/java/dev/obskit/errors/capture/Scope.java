package dev.obskit.errors.capture;

import dev.obskit.errors.event.Breadcrumb;
import dev.obskit.errors.event.UserInfo;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Data attached to every event captured while it is active: tags, the user, the transaction and a
 * bounded ring of breadcrumbs (the oldest is evicted first). Writes copy on write under the scope's
 * lock; a capture reads one immutable snapshot without locking, which keeps capture cheap and
 * memory bounded (a scope never holds more than {@code maxBreadcrumbs} breadcrumbs). Thread-safe.
 */
public final class Scope {
  /** An immutable view of a scope at one moment. */
  record State(Map<String, String> tags, UserInfo user, String transaction, Breadcrumb[] crumbs) {
    static final State EMPTY = new State(Map.of(), UserInfo.EMPTY, null, new Breadcrumb[0]);
  }

  private final int maxBreadcrumbs;
  private volatile State state = State.EMPTY;

  Scope(int maxBreadcrumbs) {
    this.maxBreadcrumbs = maxBreadcrumbs;
  }

  /** Sets a tag; tags of the thread scope win over the global scope's. */
  public synchronized Scope setTag(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Map<String, String> tags = new LinkedHashMap<>(state.tags);
    tags.put(key, value);
    state = new State(Collections.unmodifiableMap(tags), state.user, state.transaction, state.crumbs);
    return this;
  }

  /** Removes a tag. */
  public synchronized Scope removeTag(String key) {
    Map<String, String> tags = new LinkedHashMap<>(state.tags);
    tags.remove(key);
    state = new State(Collections.unmodifiableMap(tags), state.user, state.transaction, state.crumbs);
    return this;
  }

  /** Sets the user; {@link UserInfo#EMPTY} clears it. */
  public synchronized Scope setUser(UserInfo user) {
    state = new State(state.tags, Objects.requireNonNull(user, "user"), state.transaction, state.crumbs);
    return this;
  }

  /** Sets the transaction (route, job name); null clears it. */
  public synchronized Scope setTransaction(String transaction) {
    state = new State(state.tags, state.user, transaction, state.crumbs);
    return this;
  }

  /** Adds a breadcrumb, evicting the oldest beyond the bound. */
  public synchronized Scope addBreadcrumb(Breadcrumb breadcrumb) {
    Objects.requireNonNull(breadcrumb, "breadcrumb");
    if (maxBreadcrumbs == 0) {
      return this;
    }
    Breadcrumb[] cur = state.crumbs;
    Breadcrumb[] next;
    if (cur.length < maxBreadcrumbs) {
      next = Arrays.copyOf(cur, cur.length + 1);
    } else {
      next = new Breadcrumb[maxBreadcrumbs];
      System.arraycopy(cur, 1, next, 0, maxBreadcrumbs - 1);
    }
    next[next.length - 1] = breadcrumb;
    state = new State(state.tags, state.user, state.transaction, next);
    return this;
  }

  /** Removes everything (for example at the end of a request on a pooled thread). */
  public synchronized void clear() {
    state = State.EMPTY;
  }

  /** Returns the breadcrumbs, oldest first. */
  public List<Breadcrumb> breadcrumbs() {
    return List.of(state.crumbs);
  }

  /** Returns the tags. */
  public Map<String, String> tags() {
    return state.tags;
  }

  State snapshot() {
    return state;
  }
}
