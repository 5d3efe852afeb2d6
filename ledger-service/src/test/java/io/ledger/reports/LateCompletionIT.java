package io.ledger.reports;

import io.ledger.HeldAppend;
import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStep;
import io.ledger.api.Phase;
import io.ledger.api.Severity;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.LedgerClient;
import io.ledger.client.MigrationHandle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.ledger.ReadModels.awaitCaughtUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rolling windows are ordered by the ledger position of the event that finished each run. A completion that
 * commits after a later append must still be placed at its own position.
 */
@LedgerServiceTest
class LateCompletionIT {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCompletionCommittedAfterALaterEventFinishesAtItsOwnPosition() throws Exception {
        LedgerClient ledger = Ledgers.client(port);
        String database = "db-" + UUID.randomUUID();
        String late = "late-" + UUID.randomUUID();
        String other = HeldAppend.idOnAnotherCommitter("other", late);
        ledger.plan(plan(late, database));
        ledger.plan(plan(other, database));
        MigrationHandle migration = ledger.forMigration(late);
        migration.startPhase("apply");
        migration.phaseApplied("apply", 400, 0L, 0L, null);
        // verified at the next sequence, and the completion the ledger draws from it right after
        long completion = ledger.migration(late).lastSequence() + 2;

        RecordedEvent committedFirst;
        CompletableFuture<RecordedEvent> verified;
        try (HeldAppend held = HeldAppend.hold(dataSource, late, completion)) {
            verified = CompletableFuture.supplyAsync(() -> migration.verified("apply", List.of("rows"), null));
            held.awaitAppendWaiting();
            committedFirst = ledger.forMigration(other).startPhase("apply");
            awaitCaughtUp(port, DurationProjector.PROCESSING_GROUP);
        }
        verified.get();
        RecordedEvent completed = ledger.events(late).stream().filter(event -> event.sequence() == completion)
                .findFirst().orElseThrow();
        assertThat(completed.event().type()).isEqualTo("completed");
        assertThat(completed.position()).isLessThan(committedFirst.position());

        assertThat(await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                        "SELECT finished_position FROM reports_migration WHERE migration_id = ? AND outcome = 'completed'",
                        Long.class, late), positions -> !positions.isEmpty()))
                .containsExactly(completed.position());
    }

    private static MigrationPlan plan(String id, String database) {
        return new MigrationPlan(id, database, "staging", "42", "Add status column to orders", "sha256:late",
                MigrationKind.SCHEMA, MigrationStep.EXPAND, "alice", List.of("bob"), Severity.LOW, null, null,
                List.of(new Phase("apply", "ALTER TABLE orders ADD COLUMN status text;", null,
                        "ALTER TABLE orders DROP COLUMN status;", false, null)),
                List.of(), List.of());
    }
}
