package io.ledger.migration;

import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.api.Anomaly;
import io.ledger.api.GateRule;
import io.ledger.api.MigrationStatus;
import io.ledger.api.PhaseStatus;
import io.ledger.api.PrecheckStatus;
import io.ledger.api.Reason;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.PhaseStarted;
import io.ledger.api.view.MigrationView;
import io.ledger.api.view.PhaseView;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.EventConflictException;
import io.ledger.client.GateRefusedException;
import io.ledger.client.LedgerClient;
import io.ledger.client.LedgerRejectedException;
import io.ledger.client.MigrationHandle;
import io.ledger.client.MigrationNotFoundException;
import io.ledger.client.PlanConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.ledger.migration.Runbook.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seed runbook driven through the real client, over HTTP, into PostgreSQL. */
@LedgerServiceTest
class RunbookIT {

    @LocalServerPort
    int port;

    private LedgerClient ledger;
    private String id;
    private MigrationHandle migration;

    @BeforeEach
    void planTheSeedRunbook() {
        ledger = Ledgers.client(port);
        id = "orders-status-v42@staging-" + UUID.randomUUID();
        migration = ledger.forMigration(id);
        assertThat(ledger.plan(plan(id, REQUIRED_PRECHECKS)).status()).isEqualTo(MigrationStatus.PLANNED);
    }

    @Test
    void runbookFromPlanToSignOff() {
        assertThatThrownBy(() -> migration.startPhase(ADD_COLUMN))
                .isInstanceOfSatisfying(GateRefusedException.class, refused -> assertThat(refused.reasons())
                        .extracting(Reason::rule).containsOnly(GateRule.PRECHECKS_INCOMPLETE.wireId()).hasSize(3));

        REQUIRED_PRECHECKS.forEach(check -> migration.precheck(check, PrecheckStatus.PASSED, "evidence of " + check));
        assertThat(ledger.migration(id).status()).isEqualTo(MigrationStatus.PRECHECKED);

        for (String phase : PHASES) {
            migration.startPhase(phase);
            migration.progress(phase, 50.0, 500L, 1000L, Instant.now().plusSeconds(30));
            migration.phaseApplied(phase, 400, 1000L, 2L, "done");
            migration.verified(phase, List.of("checked"), "ok");
        }
        assertThat(ledger.migration(id).status()).isEqualTo(MigrationStatus.COMPLETED);

        assertThatThrownBy(() -> migration.signOff("author", OWNER, "mine"))
                .isInstanceOfSatisfying(GateRefusedException.class, refused -> assertThat(refused.reasons())
                        .extracting(Reason::rule).containsExactly(GateRule.SIGNER_IS_OWNER.wireId()));
        migration.signOff("dba", "bob", "reviewed the plan and the evidence");

        MigrationView view = ledger.migration(id);
        assertThat(view.status()).isEqualTo(MigrationStatus.SIGNED_OFF);
        assertThat(view.phases()).extracting(PhaseView::status).containsOnly(PhaseStatus.VERIFIED);
        assertThat(view.phases()).extracting(PhaseView::durationMs).containsOnly(400L);
        assertThat(view.prechecks()).allMatch(check -> check.required() && check.status() == PrecheckStatus.PASSED);
        assertThat(view.signOffs()).singleElement().satisfies(signOff -> assertThat(signOff.signer()).isEqualTo("bob"));
        assertThat(view.anomalies()).isEmpty();
        assertThat(view.refusals()).isEqualTo(2);

        List<RecordedEvent> events = ledger.events(id);
        assertThat(events).extracting(recorded -> recorded.event().type()).startsWith(
                "planned", "gate-refused", "precheck-recorded", "precheck-recorded", "precheck-recorded", "prechecked",
                "phase-started", "progress", "phase-applied", "verified").endsWith(
                "verified", "completed", "gate-refused", "signed-off");
        assertThat(events).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, events.size()).boxed().toList());
        assertThat(events).extracting(RecordedEvent::position).isSorted().doesNotHaveDuplicates();
        assertThat(events).allMatch(recorded -> recorded.migrationId().equals(id) && recorded.recordedAt() != null);
    }

    @Test
    void aRunnerThatPostsCompletedAfterTheLedgerCompletedGetsTheLedgersCompletion() {
        REQUIRED_PRECHECKS.forEach(check -> migration.precheck(check, PrecheckStatus.PASSED, "evidence of " + check));
        for (String phase : PHASES) {
            migration.startPhase(phase);
            migration.phaseApplied(phase, 400, 1000L, 2L, "done");
            migration.verified(phase, List.of("checked"), "ok");
        }
        RecordedEvent ledgers = ledger.events(id).stream()
                .filter(recorded -> recorded.event().type().equals("completed")).findFirst().orElseThrow();

        assertThat(migration.complete()).isEqualTo(ledgers);
        assertThat(ledger.events(id)).last().isEqualTo(ledgers);
    }

    @Test
    void failedVerificationFollowedByRollbackThenARetry() {
        REQUIRED_PRECHECKS.forEach(check -> migration.precheck(check, PrecheckStatus.PASSED, "ok"));
        migration.startPhase(ADD_COLUMN);
        migration.phaseApplied(ADD_COLUMN, 120, 0L, 1L, null);
        migration.verificationFailed(ADD_COLUMN, List.of("column exists"), "count = 0");
        assertThat(ledger.migration(id).status()).isEqualTo(MigrationStatus.FAILED);

        migration.rollbackStarted(List.of(ADD_COLUMN), "verification failed");
        assertThat(ledger.migration(id).status()).isEqualTo(MigrationStatus.ROLLING_BACK);
        migration.rolledBack(List.of(ADD_COLUMN), "verification failed", 80);
        assertThat(ledger.migration(id).status()).isEqualTo(MigrationStatus.ROLLED_BACK);

        migration.startPhase(ADD_COLUMN);
        MigrationView retried = ledger.migration(id);
        assertThat(retried.status()).isEqualTo(MigrationStatus.IN_PROGRESS);
        assertThat(retried.phases().get(0).attempts()).isEqualTo(2);
        assertThat(retried.anomalies()).isEmpty();
    }

    @Test
    void factThatBreaksTheLifecycleIsRecordedWithItsAnomaly() {
        RecordedEvent applied = migration.phaseApplied(SET_NOT_NULL, 10, 0L, 0L, null);

        MigrationView view = ledger.migration(id);
        assertThat(view.phases()).filteredOn(phase -> phase.name().equals(SET_NOT_NULL))
                .extracting(PhaseView::status).containsExactly(PhaseStatus.APPLIED);
        assertThat(view.anomalies()).singleElement().satisfies(anomaly -> {
            assertThat(anomaly.anomaly()).isEqualTo(Anomaly.PHASE_APPLIED_WITHOUT_START.wireId());
            assertThat(anomaly.causeEventId()).isEqualTo(applied.event().eventId());
        });
    }

    @Test
    void retriedPostWithTheSameEventIdAppendsOnce() {
        REQUIRED_PRECHECKS.forEach(check -> migration.precheck(check, PrecheckStatus.PASSED, "ok"));
        LedgerEvent start = new PhaseStarted(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                "ci-runner", Ledgers.CI, ADD_COLUMN);

        RecordedEvent first = ledger.post(id, start);
        RecordedEvent again = ledger.post(id, start);

        assertThat(again).isEqualTo(first);
        assertThat(ledger.events(id)).filteredOn(recorded -> recorded.event().eventId().equals(start.eventId())).hasSize(1);
    }

    @Test
    void eventIdRecordedOnOneMigrationIsRefusedOnAnother() {
        String other = "orders-status-v43@staging-" + UUID.randomUUID();
        ledger.plan(plan(other, REQUIRED_PRECHECKS));
        REQUIRED_PRECHECKS.forEach(check -> migration.precheck(check, PrecheckStatus.PASSED, "ok"));
        UUID eventId = UUID.randomUUID();
        LedgerEvent start = new PhaseStarted(eventId, Instant.now(), "ci-runner", Ledgers.CI, ADD_COLUMN);
        RecordedEvent recorded = ledger.post(id, start);
        List<RecordedEvent> before = ledger.events(other);

        assertThatThrownBy(() -> ledger.post(other, start))
                .isInstanceOf(EventConflictException.class)
                .hasMessageContaining("is event " + recorded.sequence() + " of migration " + id);
        assertThat(ledger.events(other)).isEqualTo(before);

        // A refused gate answers for the request it refused: its eventId is taken as well.
        UUID refusedId = UUID.randomUUID();
        assertThatThrownBy(() -> ledger.post(other, new PhaseStarted(refusedId, Instant.now(), "ci-runner", Ledgers.CI,
                ADD_COLUMN))).isInstanceOf(GateRefusedException.class);
        assertThatThrownBy(() -> ledger.post(id, new PhaseStarted(refusedId, Instant.now(), "ci-runner", Ledgers.CI,
                BACKFILL))).isInstanceOf(EventConflictException.class).hasMessageContaining("of migration " + other);
    }

    @Test
    void samePlanAgainIsAnsweredWithTheMigrationAndADifferentOneIsRefused() {
        assertThat(ledger.plan(plan(id, REQUIRED_PRECHECKS)).id()).isEqualTo(id);
        assertThatThrownBy(() -> ledger.plan(plan(id, List.of("backup-taken")))).isInstanceOf(PlanConflictException.class);
        assertThat(ledger.events(id)).hasSize(1);
    }

    @Test
    void aPlanIsRecordedWhenItWasMadeAndIsTheSamePlanWhenPostedAgainLater() {
        String late = "orders-status-v42@staging-" + UUID.randomUUID();
        Instant made = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS);

        ledger.plan(plan(late, REQUIRED_PRECHECKS).withPlannedAt(made));
        MigrationView again = ledger.plan(plan(late, REQUIRED_PRECHECKS).withPlannedAt(made.plusSeconds(60)));

        assertThat(again.plan().plannedAt()).as("stored without it").isNull();
        assertThat(ledger.events(late)).singleElement().satisfies(planned ->
                assertThat(planned.event().occurredAt()).isEqualTo(made));
        assertThatThrownBy(() -> ledger.plan(plan(late + "-ahead", REQUIRED_PRECHECKS)
                .withPlannedAt(Instant.now().plus(Duration.ofHours(1)))))
                .isInstanceOf(LedgerRejectedException.class).hasMessageContaining("plannedAt: is more than 5 minutes");
    }

    @Test
    void eventsForAMigrationNeverPlannedAreNotFound() {
        assertThatThrownBy(() -> ledger.forMigration("never-planned-" + UUID.randomUUID()).startPhase(ADD_COLUMN))
                .isInstanceOf(MigrationNotFoundException.class);
    }
}
