package dev.obskit.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;
import java.util.Map;

/** The few places where PostgreSQL and H2 (in PostgreSQL mode) differ. */
enum Dialect {
  POSTGRESQL("jsonb", "bytea"),
  H2("character large object", "varbinary");

  private final String jsonType;
  private final String binaryType;

  Dialect(String jsonType, String binaryType) {
    this.jsonType = jsonType;
    this.binaryType = binaryType;
  }

  /** Returns the dialect of a JDBC URL or database product name; throws naming it otherwise. */
  static Dialect of(String urlOrProduct) {
    String s = urlOrProduct.toLowerCase(Locale.ROOT);
    if (s.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (s.contains("h2")) {
      return H2;
    }
    throw new IllegalArgumentException("obs-store-jdbc supports PostgreSQL and H2, not '"
        + urlOrProduct + "'");
  }

  /** Returns the Flyway placeholders the migrations use for the types that differ. */
  Map<String, String> placeholders() {
    return Map.of("json", jsonType, "binary", binaryType);
  }

  /** Binds a JSON document: a jsonb parameter on PostgreSQL, text on H2. */
  void bindJson(PreparedStatement ps, int index, String json) throws SQLException {
    if (this == POSTGRESQL) {
      ps.setObject(index, json, Types.OTHER);
    } else {
      ps.setString(index, json);
    }
  }
}
