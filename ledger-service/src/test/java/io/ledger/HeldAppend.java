package io.ledger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * Makes one append commit after later ones, as concurrent appends do: an uncommitted row holds a migration's next
 * sequence, so the ledger's append of that sequence takes its position and then waits on the unique key until
 * {@link #close()} rolls the row back. Meanwhile other appends take and commit later positions, and the processors
 * pass them, leaving a gap that the held append fills when it commits.
 * <p>
 * The later appends must be of a migration that another committer writes (docs/configuration.md,
 * {@code ledger.write-committers}): the held migration's committer waits with it.
 */
public final class HeldAppend implements AutoCloseable {

    private static final int COMMITTERS = 2;

    private final DataSource dataSource;
    private final Connection holder;

    private HeldAppend(DataSource dataSource, Connection holder) {
        this.dataSource = dataSource;
        this.holder = holder;
    }

    public static HeldAppend hold(DataSource dataSource, String migrationId, long sequence) throws SQLException {
        Connection holder = dataSource.getConnection();
        holder.setAutoCommit(false);
        try (Statement noTriggers = holder.createStatement();
                PreparedStatement hold = holder.prepareStatement("INSERT INTO domainevententry (aggregateidentifier, "
                + "sequencenumber, type, eventidentifier, payload, payloadtype, timestamp, eventhash) "
                + "VALUES (?, ?, 'Migration', ?, ''::bytea, 'placeholder', ?, decode(repeat('00', 32), 'hex'))")) {
            // The placeholder holds a sequence whose predecessor is not appended yet, which the chaining trigger
            // refuses; this transaction alone (LOCAL) skips triggers, as the tests' superuser may, and the
            // placeholder brings a hash of its own. It is rolled back, never read.
            noTriggers.execute("SET LOCAL session_replication_role = replica");
            hold.setString(1, migrationId);
            hold.setLong(2, sequence);
            hold.setString(3, UUID.randomUUID().toString());
            hold.setString(4, Instant.now().toString());
            hold.executeUpdate();
        } catch (SQLException | RuntimeException failed) {
            holder.close();
            throw failed;
        }
        return new HeldAppend(dataSource, holder);
    }

    /**
     * A new migration id starting with {@code prefix} whose writes go to another committer than those of
     * {@code held}: a migration's committer is the {@code hashCode} of its id modulo their number, 2 here.
     */
    public static String idOnAnotherCommitter(String prefix, String held) {
        return idWhere(prefix, id -> committerOf(id) != committerOf(held));
    }

    /** A new migration id starting with {@code prefix} whose writes wait behind those of {@code held}. */
    public static String idOnSameCommitter(String prefix, String held) {
        return idWhere(prefix, id -> committerOf(id) == committerOf(held));
    }

    private static String idWhere(String prefix, Predicate<String> wanted) {
        String id;
        do {
            id = prefix + "-" + UUID.randomUUID();
        } while (!wanted.test(id));
        return id;
    }

    private static int committerOf(String migrationId) {
        return Math.floorMod(migrationId.hashCode(), COMMITTERS);
    }

    /** Waits until an append is blocked behind the held row, its position taken. */
    public void awaitAppendWaiting() {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement waiting = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                            + "WHERE wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO DomainEventEntry%'");
                    ResultSet rows = waiting.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        });
    }

    /** Lets the held append commit. */
    @Override
    public void close() throws SQLException {
        try {
            holder.rollback();
        } finally {
            holder.close();
        }
    }
}
