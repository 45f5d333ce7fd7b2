package dev.obskit.store.jdbc;

import dev.obskit.core.store.KeyChecks;
import dev.obskit.core.store.StoredKeys;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * {@link StoredKeys} in table {@code obs_key}: the first writer of a name wins ({@code ON CONFLICT
 * DO NOTHING}), every caller then reads the stored bytes, so replicas on one database agree.
 */
final class JdbcKeys implements StoredKeys {
  private final Db db;
  private final SecureRandom random = new SecureRandom();
  private final String table;

  JdbcKeys(Db db) {
    this.db = db;
    this.table = db.table("obs_key");
  }

  @Override
  public byte[] getOrCreate(String name, int length) {
    KeyChecks.check(name, length);
    byte[] fresh = new byte[length];
    random.nextBytes(fresh);
    return db.tx("key " + name, c -> {
      Db.update(c, "INSERT INTO " + table + " (name, key_bytes, created_at) VALUES (?, ?, ?)"
          + " ON CONFLICT DO NOTHING", ps -> {
            ps.setString(1, name);
            ps.setBytes(2, fresh);
            ps.setLong(3, Clock.systemUTC().millis());
          });
      return Db.query(c, "SELECT key_bytes FROM " + table + " WHERE name = ?",
          ps -> ps.setString(1, name), rs -> rs.getBytes(1)).get(0);
    });
  }
}
