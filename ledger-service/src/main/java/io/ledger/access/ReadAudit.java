package io.ledger.access;

import io.ledger.api.access.ReadRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code read_audit} table: every read made with an auditor's token. */
@Repository
class ReadAudit {

    private final JdbcTemplate jdbc;

    ReadAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(Instant at, String token, String method, String path, String query, int status) {
        jdbc.update("INSERT INTO read_audit (at, token, method, path, query, status) VALUES (?, ?, ?, ?, ?, ?)",
                Timestamp.from(at), token, method, path, query, status);
    }

    /** Newest first; {@code before} is the id the previous page ended with. */
    List<ReadRecord> search(String token, Instant from, Instant to, Long before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, at, token, method, path, query, status FROM read_audit "
                + "WHERE true");
        List<Object> arguments = new ArrayList<>();
        if (token != null) {
            // Names compare without case and one folded name is one token, so the search asks for its stored
            // spelling and keeps the index on (token, id).
            sql.append(" AND token = coalesce((SELECT name FROM api_token WHERE lower(name) = lower(?)), ?)");
            arguments.add(token);
            arguments.add(token);
        }
        if (from != null) {
            sql.append(" AND at >= ?");
            arguments.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND at < ?");
            arguments.add(Timestamp.from(to));
        }
        if (before != null) {
            sql.append(" AND id < ?");
            arguments.add(before);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        arguments.add(limit);
        return jdbc.query(sql.toString(), ROW, arguments.toArray());
    }

    private static final RowMapper<ReadRecord> ROW = (row, n) -> new ReadRecord(row.getLong("id"),
            row.getTimestamp("at").toInstant(), row.getString("token"), row.getString("method"),
            row.getString("path"), row.getString("query"), row.getInt("status"));
}
