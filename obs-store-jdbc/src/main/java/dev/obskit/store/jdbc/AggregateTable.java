package dev.obskit.store.jdbc;

import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.TypedId;
import dev.obskit.core.store.Aggregate;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.Page;
import dev.obskit.core.store.PageRequest;
import dev.obskit.core.store.StaleVersionException;
import dev.obskit.core.store.Versioned;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One table of versioned, team-scoped aggregates: primary key {@code (team_id, id)}, a {@code
 * version} column for optimistic locking, the queried fields as their own indexed columns, and the
 * rest of the record as a JSON {@code body}. Every statement is scoped by team. Thread-safe.
 *
 * @param <A> the aggregate record
 */
final class AggregateTable<A extends Aggregate<?>> {
  /** A queried field kept in its own column. */
  record Column<A>(String name, Function<A, Object> value) {}

  private final Db db;
  private final String table;
  private final Class<A> type;
  private final List<Column<A>> columns;
  private final String insertSql;
  private final String updateSql;

  AggregateTable(Db db, String table, Class<A> type, List<Column<A>> columns) {
    this.db = db;
    this.table = db.table(table);
    this.type = type;
    this.columns = List.copyOf(columns);
    StringBuilder names = new StringBuilder("team_id, id, version, body");
    StringBuilder marks = new StringBuilder("?, ?, ?, ?");
    StringBuilder sets = new StringBuilder("version = ?, body = ?");
    for (Column<A> c : columns) {
      names.append(", ").append(c.name());
      marks.append(", ?");
      sets.append(", ").append(c.name()).append(" = ?");
    }
    this.insertSql = "INSERT INTO " + this.table + " (" + names + ") VALUES (" + marks + ")";
    this.updateSql = "UPDATE " + this.table + " SET " + sets
        + " WHERE team_id = ? AND id = ? AND version = ?";
  }

  String name() {
    return table;
  }

  /** Inserts {@code a} at version 1; throws {@link DuplicateKeyException} if its id is taken. */
  A insert(A a) {
    return db.run("insert into " + table, c -> insert(c, a));
  }

  A insert(Connection c, A a) throws SQLException {
    if (a.version() != Versioned.INITIAL_VERSION) {
      throw new IllegalArgumentException("a new aggregate must have version "
          + Versioned.INITIAL_VERSION + ", got " + a.version() + " for " + a.id());
    }
    try (PreparedStatement ps = c.prepareStatement(insertSql)) {
      ps.setString(1, a.teamId().value());
      ps.setString(2, idOf(a));
      ps.setLong(3, a.version());
      db.dialect().bindJson(ps, 4, Json.write(a));
      bindColumns(ps, 5, a);
      ps.executeUpdate();
      return a;
    } catch (SQLException e) {
      if (Db.isDuplicate(e)) {
        throw new DuplicateKeyException(a.teamId() + "/" + idOf(a));
      }
      throw e;
    }
  }

  /** Stores {@code next} if the stored version is one less; else {@link StaleVersionException}. */
  A update(A next) {
    return db.run("update of " + table, c -> update(c, next));
  }

  A update(Connection c, A next) throws SQLException {
    int n;
    try (PreparedStatement ps = c.prepareStatement(updateSql)) {
      ps.setLong(1, next.version());
      db.dialect().bindJson(ps, 2, Json.write(next));
      int i = bindColumns(ps, 3, next);
      ps.setString(i, next.teamId().value());
      ps.setString(i + 1, idOf(next));
      ps.setLong(i + 2, next.version() - 1);
      n = ps.executeUpdate();
    } catch (SQLException e) {
      if (Db.isDuplicate(e)) {
        throw new DuplicateKeyException(next.teamId() + "/" + idOf(next));
      }
      throw e;
    }
    if (n == 0) {
      long actual = Db.query(c, "SELECT version FROM " + table + " WHERE team_id = ? AND id = ?",
          ps -> {
            ps.setString(1, next.teamId().value());
            ps.setString(2, idOf(next));
          }, rs -> rs.getLong(1)).stream().findFirst().orElse(0L);
      throw new StaleVersionException(next.teamId() + "/" + idOf(next), next.version() - 1, actual);
    }
    return next;
  }

  Optional<A> find(TeamId team, TypedId id) {
    return db.queryOne("read of " + table, "SELECT body FROM " + table
        + " WHERE team_id = ? AND id = ?", ps -> {
          ps.setString(1, team.value());
          ps.setString(2, id.value());
        }, rs -> read(rs.getString(1)));
  }

  boolean delete(TeamId team, TypedId id) {
    return db.update("delete from " + table, "DELETE FROM " + table
        + " WHERE team_id = ? AND id = ?", ps -> {
          ps.setString(1, team.value());
          ps.setString(2, id.value());
        }) > 0;
  }

  /** Returns the rows matching {@code where} (SQL after WHERE), in {@code orderBy} order. */
  List<A> select(String where, Db.Binder binder, String orderBy) {
    return db.query("read of " + table, "SELECT body FROM " + table + " WHERE " + where
        + " ORDER BY " + orderBy, binder, rs -> read(rs.getString(1)));
  }

  /** Returns one page of the rows matching {@code where}, with the total count. */
  Page<A> page(String where, Db.Binder binder, String orderBy, PageRequest page) {
    return db.run("read of " + table, c -> {
      long total = Db.query(c, "SELECT COUNT(*) FROM " + table + " WHERE " + where, binder,
          rs -> rs.getLong(1)).get(0);
      List<A> items = Db.query(c, "SELECT body FROM " + table + " WHERE " + where + " ORDER BY "
          + orderBy + " LIMIT " + page.limit() + " OFFSET " + page.offset(), binder,
          rs -> read(rs.getString(1)));
      return new Page<>(items, page, total);
    });
  }

  A read(String body) {
    return Json.read(body, type);
  }

  private int bindColumns(PreparedStatement ps, int from, A a) throws SQLException {
    int i = from;
    for (Column<A> c : columns) {
      ps.setObject(i++, c.value().apply(a));
    }
    return i;
  }

  private static String idOf(Aggregate<?> a) {
    return ((TypedId) a.id()).value();
  }

  /** Returns a list with one column per pair of name and value function. */
  @SafeVarargs
  @SuppressWarnings("varargs")
  static <A> List<Column<A>> columns(Column<A>... columns) {
    return new ArrayList<>(List.of(columns));
  }
}
