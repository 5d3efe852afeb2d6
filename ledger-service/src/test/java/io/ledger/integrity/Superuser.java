package io.ledger.integrity;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded PostgreSQL of a running ledger, as its superuser: someone with the data directory (its port is on
 * line 4 of the cluster's postmaster.pid, the password in postgres.password) and bad intentions.
 */
final class Superuser implements AutoCloseable {

    private final Connection connection;

    private Superuser(Connection connection) {
        this.connection = connection;
    }

    static Superuser of(Path dataDir) throws Exception {
        List<String> pid = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        String password = Files.readAllLines(dataDir.resolve("postgres.password"), StandardCharsets.UTF_8).get(0).strip();
        return new Superuser(DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pid.get(3).strip()
                + "/ledger", "ledger", password));
    }

    /** Runs {@code sql} as anyone may: the append-only triggers fire. */
    void execute(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            statement.execute();
        }
    }

    /**
     * Runs {@code sql} with triggers off ({@code session_replication_role = replica}), as only a superuser can: the
     * way past the append-only triggers, and past the one that hashes inserted events.
     */
    void tamper(String sql, Object... parameters) throws SQLException {
        tamper(Object.class, sql, parameters);
    }

    /** As {@link #tamper(String, Object...)}, answering the first column of a {@code RETURNING} row. */
    <T> T tamper(Class<T> returning, String sql, Object... parameters) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement replica = connection.createStatement(); PreparedStatement statement = prepare(sql, parameters)) {
            replica.execute("SET LOCAL session_replication_role = replica");
            T result = null;
            if (statement.execute()) {
                try (ResultSet row = statement.getResultSet()) {
                    result = row.next() ? row.getObject(1, returning) : null;
                }
            }
            connection.commit();
            return result;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Every row {@code sql} selects, each as {@code mapper} reads it. */
    <T> List<T> query(String sql, Row<T> mapper, Object... parameters) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement statement = prepare(sql, parameters); ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                rows.add(mapper.read(row));
            }
        }
        return rows;
    }

    <T> T read(Class<T> type, String sql, Object... parameters) throws SQLException {
        List<Object> row = row(sql, parameters);
        return type.cast(row.get(0));
    }

    /** The one row {@code sql} selects, column by column. */
    List<Object> row(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters); ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("no row for " + sql);
            }
            List<Object> columns = new ArrayList<>();
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                columns.add(row.getObject(i));
            }
            return columns;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
