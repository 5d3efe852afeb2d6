package io.ledger.access;

import io.ledger.api.access.Role;
import io.ledger.api.access.TokenScope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@code api_token} table. Rows are never deleted: revoking stamps them. */
@Repository
class TokenTable {

    private static final String COLUMNS = "name, roles, databases, environments, created_at, created_by, "
            + "expires_at, revoked_at, revoked_by";

    private static final String INSERTED = "(name, secret_hash, roles, databases, environments, created_at, "
            + "created_by, expires_at)";

    private final JdbcTemplate jdbc;

    TokenTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when a token of that name (in any case) exists already, revoked ones included */
    boolean create(StoredToken token, byte[] secretHash) {
        try {
            jdbc.update("INSERT INTO api_token " + INSERTED + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    inserted(token, secretHash));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /**
     * The first token, if there is none yet: one statement, so that two services starting on an empty database
     * at once create one admin between them.
     */
    boolean createFirst(StoredToken token, byte[] secretHash) {
        return jdbc.update("INSERT INTO api_token " + INSERTED + " SELECT ?, ?, ?, ?, ?, ?, ?, ? "
                + "WHERE NOT EXISTS (SELECT 1 FROM api_token) ON CONFLICT DO NOTHING", inserted(token, secretHash)) == 1;
    }

    private static Object[] inserted(StoredToken token, byte[] secretHash) {
        return new Object[] {token.name(), secretHash,
                token.roles().stream().map(Role::wireId).sorted().toArray(String[]::new),
                token.scope().databases().toArray(String[]::new), token.scope().environments().toArray(String[]::new),
                Timestamp.from(token.createdAt()), token.createdBy(),
                token.expiresAt() == null ? null : Timestamp.from(token.expiresAt())};
    }

    Optional<StoredToken> bySecretHash(byte[] secretHash) {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_token WHERE secret_hash = ?", ROW, (Object) secretHash)
                .stream().findFirst();
    }

    Optional<StoredToken> byName(String name) {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_token WHERE lower(name) = lower(?)", ROW, name)
                .stream().findFirst();
    }

    List<StoredToken> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_token ORDER BY name", ROW);
    }

    /** Every name ever given, folded to lower case. */
    List<String> names() {
        return jdbc.queryForList("SELECT name FROM api_token", String.class);
    }

    void revoke(String name, String by, Instant at) {
        jdbc.update("UPDATE api_token SET revoked_at = ?, revoked_by = ? WHERE lower(name) = lower(?) "
                + "AND revoked_at IS NULL", Timestamp.from(at), by, name);
    }

    /**
     * Locks the admin tokens not revoked, in the order of their names, for the rest of the transaction: two
     * revocations of two admins then judge one after the other, and the second sees the first.
     */
    void lockAdmins() {
        jdbc.query("SELECT name FROM api_token WHERE 'admin' = ANY (roles) AND revoked_at IS NULL ORDER BY name "
                + "FOR UPDATE", row -> {
        });
    }

    /**
     * Admin tokens other than {@code name}, not revoked, that work at least until {@code until}: without an expiry,
     * or, when {@code until} is not null, expiring at or after it.
     */
    int otherAdminsWorkingUntil(String name, Instant until) {
        String lasting = until == null ? "expires_at IS NULL" : "(expires_at IS NULL OR expires_at >= ?)";
        Object[] arguments = until == null ? new Object[] {name} : new Object[] {name, Timestamp.from(until)};
        Integer count = jdbc.queryForObject("SELECT count(*) FROM api_token WHERE 'admin' = ANY (roles) "
                + "AND revoked_at IS NULL AND lower(name) <> lower(?) AND " + lasting, Integer.class, arguments);
        return count == null ? 0 : count;
    }

    private static final RowMapper<StoredToken> ROW = (row, n) -> new StoredToken(
            row.getString("name"),
            Arrays.stream(strings(row.getArray("roles"))).map(wire -> Role.valueOf(wire.toUpperCase(Locale.ROOT)))
                    .collect(Collectors.toSet()),
            new TokenScope(List.of(strings(row.getArray("databases"))),
                    List.of(strings(row.getArray("environments")))),
            row.getTimestamp("created_at").toInstant(),
            row.getString("created_by"),
            instant(row.getTimestamp("expires_at")),
            instant(row.getTimestamp("revoked_at")),
            row.getString("revoked_by"));

    private static String[] strings(Array array) throws SQLException {
        return (String[]) array.getArray();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
