package io.ledger.platform;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A ledger in its own JVM, for {@link EmbeddedPostgresIT} to kill: starts the embedded PostgreSQL on the data
 * directory given as the first argument, records the second argument, says so on stdout and waits to be killed.
 */
final class KilledLedger {

    static final String STARTED = "started";

    private KilledLedger() {
    }

    public static void main(String[] args) throws SQLException, InterruptedException {
        EmbeddedPostgres postgres = EmbeddedPostgres.start(Path.of(args[0]), Path.of(args[1]));
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
                postgres.password())) {
            connection.createStatement().execute("CREATE TABLE IF NOT EXISTS note (text text)");
            connection.createStatement().execute("INSERT INTO note VALUES ('" + args[2] + "')");
        }
        System.out.println(STARTED);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
