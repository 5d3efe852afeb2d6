package io.ledger.platform;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ledger upgraded to V13 finds its existing migrations by principal at once, and one upgraded to V14 shows the
 * principal of each event already on its timeline, without replaying either read model: the upgrades fill the new
 * columns from the events' metadata.
 */
class PrincipalsUpgradeIT {

    private static final Path BINARIES = new LedgerProperties.Embedded(Path.of("data"), null).binariesDir();

    @TempDir
    Path temp;

    @Test
    void theUpgradeFillsEachMigrationsPrincipalsFromItsEventsMetadata() {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(temp.resolve("data"), BINARIES)) {
            DriverManagerDataSource database = new DriverManagerDataSource(postgres.jdbcUrl(), "ledger",
                    postgres.password());
            JdbcTemplate jdbc = new JdbcTemplate(database);
            migrate(database, "12");
            event(jdbc, "orders-v42@prod", 0, "{\"principal\":\"ci-orders\",\"traceId\":\"t\"}");
            event(jdbc, "orders-v42@prod", 1, "{\"principal\":\"release-bot\"}");
            event(jdbc, "orders-v42@prod", 2, "{\"principal\":\"ci-orders\"}");
            event(jdbc, "orders-v42@prod", 3, "{}");
            event(jdbc, "legacy@dev", 0, "{\"traceId\":\"before tokens\"}");
            history(jdbc, "orders-v42@prod");
            history(jdbc, "legacy@dev");

            migrate(database, "13");

            assertThat(principals(jdbc, "orders-v42@prod")).containsExactly("ci-orders", "release-bot");
            assertThat(principals(jdbc, "legacy@dev")).isEmpty();
        }
    }

    @Test
    void theUpgradeFillsEachTimelineRowsPrincipalFromItsEventsMetadata() {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(temp.resolve("data"), BINARIES)) {
            DriverManagerDataSource database = new DriverManagerDataSource(postgres.jdbcUrl(), "ledger",
                    postgres.password());
            JdbcTemplate jdbc = new JdbcTemplate(database);
            migrate(database, "13");
            long planned = event(jdbc, "orders-v42@prod", 0, "{\"principal\":\"ci-orders\",\"traceId\":\"t\"}");
            long signedOff = event(jdbc, "orders-v42@prod", 1, "{\"principal\":\"erin\"}");
            long legacy = event(jdbc, "legacy@dev", 0, "{\"traceId\":\"before tokens\"}");
            long broken = event(jdbc, "legacy@dev", 1, "not json");
            List.of(planned, signedOff, legacy, broken).forEach(position -> timelineRow(jdbc, position));

            migrate(database, "14");

            assertThat(timelinePrincipal(jdbc, planned)).isEqualTo("ci-orders");
            assertThat(timelinePrincipal(jdbc, signedOff)).isEqualTo("erin");
            assertThat(timelinePrincipal(jdbc, legacy)).isNull();
            assertThat(timelinePrincipal(jdbc, broken)).isNull();
        }
    }

    private static void migrate(DriverManagerDataSource database, String version) {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target(version).load().migrate();
    }

    /** Appends an event as the ledger stores it and answers its position. */
    private static long event(JdbcTemplate jdbc, String migrationId, long sequence, String metadata) {
        return jdbc.queryForObject("INSERT INTO domainevententry (eventidentifier, aggregateidentifier,"
                        + " sequencenumber, type, timestamp, payloadtype, payload, metadata)"
                        + " VALUES (gen_random_uuid()::text, ?, ?, 'Migration',"
                        + " '2026-05-12T02:04:51Z', 'io.ledger.api.event.Progress', ?, ?) RETURNING globalindex",
                Long.class, migrationId, sequence, "{}".getBytes(StandardCharsets.UTF_8),
                metadata.getBytes(StandardCharsets.UTF_8));
    }

    private static void history(JdbcTemplate jdbc, String migrationId) {
        jdbc.update("INSERT INTO history (migration_id, database, environment, version, owner, status, planned_at,"
                + " last_activity_at, phases_total, phases_applied, phases_failed, prechecks_passed,"
                + " prechecks_required, sign_offs, anomalies, rollbacks, actors, search, last_sequence)"
                + " VALUES (?, 'orders-db', 'prod', '42', 'alice', 'planned', now(), now(), 1, 0, 0, 0, 0, 0, 0, 0,"
                + " '{alice}', '', 0)", migrationId);
    }

    private static List<String> principals(JdbcTemplate jdbc, String migrationId) {
        return List.of((String[]) jdbc.queryForObject("SELECT principals FROM history WHERE migration_id = ?",
                (row, n) -> row.getArray(1).getArray(), migrationId));
    }

    private static void timelineRow(JdbcTemplate jdbc, long position) {
        jdbc.update("INSERT INTO timeline_event (position, migration_id, sequence, database, environment,"
                + " occurred_at, recorded_at, type, actor, summary)"
                + " SELECT globalindex, aggregateidentifier, sequencenumber, 'orders-db', 'prod', now(), now(),"
                + " 'progress', 'alice', '' FROM domainevententry WHERE globalindex = ?", position);
    }

    private static String timelinePrincipal(JdbcTemplate jdbc, long position) {
        return jdbc.queryForObject("SELECT principal FROM timeline_event WHERE position = ?", String.class, position);
    }
}
