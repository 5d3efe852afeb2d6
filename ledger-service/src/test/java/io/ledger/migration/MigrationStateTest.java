package io.ledger.migration;

import io.ledger.api.MigrationStatus;
import io.ledger.api.PhaseStatus;
import io.ledger.api.PrecheckStatus;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.PhaseApplied;
import io.ledger.api.event.PhaseStarted;
import io.ledger.api.event.PrecheckRecorded;
import io.ledger.api.event.Verified;
import io.ledger.api.view.MigrationView;
import io.ledger.api.view.PhaseView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.ledger.migration.Runbook.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The statuses the fold derives, as the contract's status line names them. */
class MigrationStateTest {

    private static MigrationView replay(LedgerEvent... events) {
        MigrationState state = new MigrationState();
        for (int i = 0; i < events.length; i++) {
            state.apply(events[i], i, AT.plusSeconds(i));
        }
        return state.view();
    }

    @Test
    void statusFollowsTheRunbookFromPlanToSignOff() {
        assertThat(replay(planned()).status()).isEqualTo(MigrationStatus.PLANNED);
        PrecheckRecorded[] checks = allPrechecksPassed();
        LedgerEvent prechecked = Runbook.prechecked(checks[2]);
        assertThat(replay(planned(), checks[0], checks[1], checks[2], prechecked).status())
                .isEqualTo(MigrationStatus.PRECHECKED);
        assertThat(replay(planned(), prechecked, phaseStarted(ADD_COLUMN)).status())
                .isEqualTo(MigrationStatus.IN_PROGRESS);
        Verified last = verified(DEPLOY);
        LedgerEvent[] allApplied = List.of(planned(), prechecked,
                phaseStarted(ADD_COLUMN), phaseApplied(ADD_COLUMN), phaseStarted(BACKFILL), phaseApplied(BACKFILL),
                phaseStarted(SET_NOT_NULL), phaseApplied(SET_NOT_NULL), phaseStarted(DEPLOY), phaseApplied(DEPLOY))
                .toArray(LedgerEvent[]::new);
        assertThat(replay(allApplied).status()).isEqualTo(MigrationStatus.APPLIED);
        assertThat(replay(concat(allApplied, verified(null))).status()).isEqualTo(MigrationStatus.VERIFIED);
        assertThat(replay(concat(allApplied, verified(null), completedBy(last))).status())
                .isEqualTo(MigrationStatus.COMPLETED);
        assertThat(replay(concat(allApplied, verified(null), completedBy(last), signedOff("dba", "bob"))).status())
                .isEqualTo(MigrationStatus.SIGNED_OFF);
    }

    @Test
    void requiredPrecheckThatFailsAfterThePrecheckTakesTheMigrationBackToPlannedUntilItPassesAgain() {
        PrecheckRecorded[] checks = allPrechecksPassed();
        LedgerEvent prechecked = Runbook.prechecked(checks[2]);
        PrecheckRecorded backupFailed = precheck(REQUIRED_PRECHECKS.get(0), PrecheckStatus.FAILED);
        LedgerEvent[] failedAfter = {planned(), checks[0], checks[1], checks[2], prechecked, backupFailed};
        assertThat(replay(failedAfter).status()).isEqualTo(MigrationStatus.PLANNED);
        assertThat(replay(concat(failedAfter, precheck(REQUIRED_PRECHECKS.get(0), PrecheckStatus.PASSED))).status())
                .isEqualTo(MigrationStatus.PRECHECKED);
        assertThat(replay(concat(failedAfter, precheck("oncall-notified", PrecheckStatus.PASSED))).status())
                .as("a check the plan does not require changes nothing").isEqualTo(MigrationStatus.PLANNED);
    }

    @Test
    void rolledBackMigrationIsFinishedUntilItIsRetried() {
        MigrationView rolledBack = replay(planned(), phaseStarted(ADD_COLUMN), phaseFailed(ADD_COLUMN),
                rollbackStarted(ADD_COLUMN), rolledBack(ADD_COLUMN));
        assertThat(rolledBack.status()).isEqualTo(MigrationStatus.ROLLED_BACK);
        assertThat(rolledBack.finishedAt()).isEqualTo(AT);

        MigrationView lateFact = replay(planned(), phaseStarted(ADD_COLUMN), phaseFailed(ADD_COLUMN),
                rollbackStarted(ADD_COLUMN), rolledBack(ADD_COLUMN), phaseApplied(ADD_COLUMN));
        assertThat(lateFact.status()).isEqualTo(MigrationStatus.IN_PROGRESS);
        assertThat(lateFact.finishedAt()).isNull();
    }

    @Test
    void rollbackOfOnlyAPhaseNeverStartedReversesNothing() {
        MigrationView view = replay(planned(), phaseStarted(ADD_COLUMN), phaseFailed(ADD_COLUMN),
                rollbackStarted(BACKFILL), rolledBack(BACKFILL));
        assertThat(view.status()).as("the failure of add-column was not reversed").isEqualTo(MigrationStatus.FAILED);
        assertThat(view.finishedAt()).isNull();
        assertThat(view.phases()).extracting(PhaseView::status)
                .containsExactly(PhaseStatus.FAILED, PhaseStatus.PENDING, PhaseStatus.PENDING, PhaseStatus.PENDING);
    }

    @Test
    void rollbackOfAPhaseThatRanAndOneNeverStartedReversesTheOneThatRan() {
        MigrationView view = replay(planned(), phaseStarted(ADD_COLUMN), phaseFailed(ADD_COLUMN),
                rollbackStarted(ADD_COLUMN, BACKFILL), rolledBack(ADD_COLUMN, BACKFILL));
        assertThat(view.status()).isEqualTo(MigrationStatus.ROLLED_BACK);
        assertThat(view.phases()).extracting(PhaseView::status)
                .containsExactly(PhaseStatus.ROLLED_BACK, PhaseStatus.PENDING, PhaseStatus.PENDING,
                        PhaseStatus.PENDING);
    }

    @Test
    void factAboutAPhaseThePlanDoesNotHaveLeavesTheStatusAlone() {
        MigrationView view = replay(planned(), phaseStarted(ADD_COLUMN), phaseFailed(ADD_COLUMN),
                rollbackStarted(ADD_COLUMN), rolledBack(ADD_COLUMN), phaseApplied("never-planned"));
        assertThat(view.status()).isEqualTo(MigrationStatus.ROLLED_BACK);
        assertThat(view.finishedAt()).isEqualTo(AT);
    }

    @Test
    void abortedMigrationStaysAbortedWhateverArrivesLater() {
        MigrationView view = replay(planned(), phaseStarted(ADD_COLUMN), aborted(), phaseApplied(ADD_COLUMN));
        assertThat(view.status()).isEqualTo(MigrationStatus.ABORTED);
        assertThat(view.finishedAt()).isEqualTo(AT);
    }

    @Test
    void lateFactChangesNoPhaseOfASignedOffMigration() {
        LedgerEvent[] signedOff = List.of(planned(), Runbook.prechecked(allPrechecksPassed()[2]),
                phaseStarted(ADD_COLUMN), phaseApplied(ADD_COLUMN), phaseStarted(BACKFILL), phaseApplied(BACKFILL),
                phaseStarted(SET_NOT_NULL), phaseApplied(SET_NOT_NULL), phaseStarted(DEPLOY), phaseApplied(DEPLOY),
                verified(null), completedBy(verified(DEPLOY)), signedOff("dba", "bob")).toArray(LedgerEvent[]::new);
        MigrationView before = replay(signedOff);

        MigrationView after = replay(concat(signedOff, phaseFailed(ADD_COLUMN), rollbackStarted(BACKFILL)));

        assertThat(after.status()).isEqualTo(MigrationStatus.SIGNED_OFF);
        assertThat(after.phases()).isEqualTo(before.phases());
        assertThat(after.finishedAt()).isEqualTo(before.finishedAt());
    }

    @Test
    void phaseDurationFallsBackToTheGapBetweenStartAndApplied() {
        Instant start = AT;
        MigrationView view = replay(planned(),
                new PhaseStarted(UUID.randomUUID(), start, RUNNER, FLYWAY, ADD_COLUMN),
                new PhaseApplied(UUID.randomUUID(), start.plusMillis(1500), RUNNER, FLYWAY,
                        ADD_COLUMN, null, null, null, null));
        assertThat(view.phases().get(0).durationMs()).isEqualTo(1500L);
    }

    private static LedgerEvent[] concat(LedgerEvent[] first, LedgerEvent... more) {
        LedgerEvent[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
