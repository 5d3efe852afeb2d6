package io.ledger.migration;

import io.ledger.api.Anomaly;
import io.ledger.api.EvidenceHash;
import io.ledger.api.GateRule;
import io.ledger.api.PrecheckStatus;
import io.ledger.api.Reason;
import io.ledger.api.event.Completed;
import io.ledger.api.event.PhaseApplied;
import io.ledger.api.event.PhaseStarted;
import io.ledger.api.event.Planned;
import io.ledger.api.event.PrecheckRecorded;
import io.ledger.api.event.Progress;
import io.ledger.api.event.RollbackStarted;
import io.ledger.api.event.RolledBack;
import io.ledger.api.event.SignedOff;
import io.ledger.api.event.VerificationFailed;
import io.ledger.api.event.Verified;
import io.ledger.platform.AxonConfiguration;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.ledger.migration.Runbook.*;

/** The runbook's rules, one per test, in the order a migration meets them. */
class MigrationTest {

    private FixtureConfiguration<Migration> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(Migration.class);
        // A retry is answered from the event its eventId was recorded as, which the aggregate reads back.
        fixture.registerInjectableResource(fixture.getEventStore());
    }

    /** The seed runbook planned and fully pre-checked: ready for its first phase. */
    private Object[] prechecked() {
        PrecheckRecorded[] checks = allPrechecksPassed();
        return Stream.concat(Stream.of(planned()), Stream.concat(Stream.of((Object[]) checks),
                Stream.of(Runbook.prechecked(checks[checks.length - 1])))).toArray();
    }

    private Object[] prechecked(Object... then) {
        return Stream.concat(Stream.of(prechecked()), Stream.of(then)).toArray();
    }

    @Nested
    class Planning {

        @Test
        void planRegistersTheRunbook() {
            Planned planned = planned();
            fixture.givenNoPriorActivity()
                    .when(new PlanMigration(ID, planned))
                    .expectEvents(planned)
                    .expectResultMessagePayload(new Outcome.Recorded(0));
        }

        @Test
        void planWithoutRequiredPrechecksIsPrecheckedAtOnce() {
            Planned planned = planned(plan(List.of()));
            fixture.givenNoPriorActivity()
                    .when(new PlanMigration(ID, planned))
                    .expectEvents(planned, Runbook.prechecked(planned));
        }

        @Test
        void samePlanAgainAppendsNothing() {
            fixture.given(planned())
                    .when(new PlanMigration(ID, planned()))
                    .expectNoEvents()
                    .expectResultMessagePayload(new Outcome.Duplicate(0));
        }

        @Test
        void differentPlanUnderTheSameIdIsAConflict() {
            fixture.given(planned())
                    .when(new PlanMigration(ID, planned(plan(List.of("backup-taken")))))
                    .expectNoEvents()
                    .expectResultMessagePayload(new Outcome.Conflict(new Reason(Migration.PLAN_CONFLICT,
                            "migration " + ID + " is already planned with a different plan; a changed plan needs a new id")));
        }
    }

    @Nested
    class Prechecks {

        @Test
        void ledgerEmitsPrecheckedOnceEveryRequiredPrecheckPassed() {
            PrecheckRecorded rollbackReady = precheckPassed("rollback-ready");
            fixture.given(planned(), precheckPassed("backup-taken"), precheckPassed("staging-tested"))
                    .when(record(rollbackReady))
                    .expectEvents(rollbackReady, Runbook.prechecked(rollbackReady));
        }

        @Test
        void waivedPrecheckSatisfiesItsRequirement() {
            PrecheckRecorded waived = precheck("rollback-ready", PrecheckStatus.WAIVED);
            fixture.given(planned(), precheckPassed("backup-taken"), precheckPassed("staging-tested"))
                    .when(record(waived))
                    .expectEvents(waived, Runbook.prechecked(waived));
        }

        @Test
        void failedPrecheckIsRecordedWithoutPrechecked() {
            PrecheckRecorded failed = precheck("rollback-ready", PrecheckStatus.FAILED);
            fixture.given(planned(), precheckPassed("backup-taken"), precheckPassed("staging-tested"))
                    .when(record(failed))
                    .expectEvents(failed);
        }

        @Test
        void precheckRecordedAfterPhasesStartedIsAnAnomaly() {
            PrecheckRecorded late = precheckPassed("oncall-notified");
            fixture.given(prechecked(phaseStarted(ADD_COLUMN)))
                    .when(record(late))
                    .expectEvents(late, anomaly(late, 0, Anomaly.PRECHECK_AFTER_START.because(
                            "oncall-notified recorded after phases started")));
        }
    }

    @Nested
    class StartingAPhase {

        @Test
        void phaseCannotStartUntilEveryRequiredPrecheckPassed() {
            PhaseStarted start = phaseStarted(ADD_COLUMN);
            Reason stagingTested = GateRule.PRECHECKS_INCOMPLETE.because("staging-tested has not passed");
            Reason rollbackReady = GateRule.PRECHECKS_INCOMPLETE.because("rollback-ready has not passed");
            fixture.given(planned(), precheckPassed("backup-taken"))
                    .when(record(start))
                    .expectEvents(refused(start, stagingTested, rollbackReady))
                    .expectResultMessagePayload(new Outcome.Refused(2, List.of(stagingTested, rollbackReady)));
        }

        @Test
        void failedPrecheckIsNamedInTheRefusal() {
            PhaseStarted start = phaseStarted(ADD_COLUMN);
            fixture.given(prechecked(precheck("backup-taken", PrecheckStatus.FAILED)))
                    .when(record(start))
                    .expectEvents(refused(start, GateRule.PRECHECKS_INCOMPLETE.because("backup-taken is failed")));
        }

        @Test
        void firstPhaseStartsOncePrechecked() {
            PhaseStarted start = phaseStarted(ADD_COLUMN);
            fixture.given(prechecked())
                    .when(record(start))
                    .expectEvents(start)
                    .expectResultMessagePayload(new Outcome.Recorded(5));
        }

        @Test
        void phaseCannotStartUntilThePreviousPhaseIsVerified() {
            PhaseStarted backfill = phaseStarted(BACKFILL);
            fixture.given(prechecked(phaseStarted(ADD_COLUMN), phaseApplied(ADD_COLUMN)))
                    .when(record(backfill))
                    .expectEvents(refused(backfill, GateRule.PREVIOUS_PHASE_NOT_VERIFIED.because(
                            ADD_COLUMN + " is applied, not verified")));
        }

        @Test
        void phaseCannotStartAfterAFailedPhaseThatWasVerifiedWithoutBeingApplied() {
            Verified unapplied = verified(ADD_COLUMN);
            PhaseStarted backfill = phaseStarted(BACKFILL);
            fixture.given(prechecked(phaseStarted(ADD_COLUMN), phaseFailed(ADD_COLUMN), unapplied,
                            anomaly(unapplied, 0, Anomaly.VERIFICATION_OF_UNAPPLIED_PHASE.because(
                                    ADD_COLUMN + " was failed, not applied"))))
                    .when(record(backfill))
                    .expectEvents(refused(backfill, GateRule.PREVIOUS_PHASE_NOT_VERIFIED.because(
                            ADD_COLUMN + " is failed, not verified")));
        }

        @Test
        void nextPhaseStartsOnceThePreviousIsVerified() {
            PhaseStarted backfill = phaseStarted(BACKFILL);
            fixture.given(prechecked(appliedAndVerified(ADD_COLUMN)))
                    .when(record(backfill))
                    .expectEvents(backfill);
        }

        @Test
        void unknownPhaseCannotStart() {
            PhaseStarted start = phaseStarted("drop-table");
            fixture.given(prechecked())
                    .when(record(start))
                    .expectEvents(refused(start, GateRule.UNKNOWN_PHASE.because(
                            "drop-table is not a phase of this migration's plan")));
        }

        @Test
        void runningPhaseCannotStartTwice() {
            PhaseStarted again = phaseStarted(ADD_COLUMN);
            fixture.given(prechecked(phaseStarted(ADD_COLUMN)))
                    .when(record(again))
                    .expectEvents(refused(again, GateRule.PHASE_ALREADY_RUNNING.because(ADD_COLUMN + " is already running")));
        }

        @Test
        void appliedPhaseCannotStartAgain() {
            PhaseStarted again = phaseStarted(ADD_COLUMN);
            fixture.given(prechecked(appliedAndVerified(ADD_COLUMN)))
                    .when(record(again))
                    .expectEvents(refused(again, GateRule.PHASE_ALREADY_APPLIED.because(ADD_COLUMN + " is already verified")));
        }

        @Test
        void phaseCannotStartWhileARollbackIsInProgress() {
            PhaseStarted retry = phaseStarted(ADD_COLUMN);
            fixture.given(prechecked(phaseStarted(ADD_COLUMN), phaseFailed(ADD_COLUMN), rollbackStarted(ADD_COLUMN)))
                    .when(record(retry))
                    .expectEvents(refused(retry, GateRule.ROLLBACK_IN_PROGRESS.because(
                            "a rollback is in progress; record its outcome first")));
        }

        @Test
        void phaseCannotStartOnceTheMigrationIsAborted() {
            PhaseStarted start = phaseStarted(ADD_COLUMN);
            fixture.given(prechecked(aborted()))
                    .when(record(start))
                    .expectEvents(refused(start, GateRule.TERMINAL_STATE.because("the migration is aborted")));
        }

        @Test
        void refusalNamesEveryBrokenRule() {
            PhaseStarted start = phaseStarted("drop-table");
            fixture.given(planned(), precheckPassed("backup-taken"), precheckPassed("staging-tested"), aborted())
                    .when(record(start))
                    .expectEvents(refused(start,
                            GateRule.UNKNOWN_PHASE.because("drop-table is not a phase of this migration's plan"),
                            GateRule.TERMINAL_STATE.because("the migration is aborted"),
                            GateRule.PRECHECKS_INCOMPLETE.because("rollback-ready has not passed")));
        }

        @Test
        void failedPhaseCanBeRetriedAfterItsRollback() {
            PhaseStarted retry = phaseStarted(ADD_COLUMN);
            fixture.given(prechecked(phaseStarted(ADD_COLUMN), phaseFailed(ADD_COLUMN),
                            rollbackStarted(ADD_COLUMN), rolledBack(ADD_COLUMN)))
                    .when(record(retry))
                    .expectEvents(retry);
        }
    }

    @Nested
    class Facts {

        @Test
        void phaseAppliedIsRecorded() {
            PhaseApplied applied = phaseApplied(ADD_COLUMN);
            fixture.given(prechecked(phaseStarted(ADD_COLUMN)))
                    .when(record(applied))
                    .expectEvents(applied)
                    .expectResultMessagePayload(new Outcome.Recorded(6));
        }

        @Test
        void phaseAppliedWithoutStartIsRecordedWithAnAnomaly() {
            PhaseApplied applied = phaseApplied(ADD_COLUMN);
            fixture.given(prechecked())
                    .when(record(applied))
                    .expectEvents(applied, anomaly(applied, 0, Anomaly.PHASE_APPLIED_WITHOUT_START.because(
                            ADD_COLUMN + " was pending, not started")));
        }

        @Test
        void aPhaseAppliedBeforeItsStartIsRecordedWithTheClockAnomaly() {
            PhaseApplied early = new PhaseApplied(UUID.randomUUID(), AT.minusSeconds(5), RUNNER, FLYWAY, ADD_COLUMN,
                    null, 0L, null, null);
            fixture.given(prechecked(phaseStarted(ADD_COLUMN)))
                    .when(record(early))
                    .expectEvents(early, anomaly(early, 0, Anomaly.ENDED_BEFORE_START.because(ADD_COLUMN
                            + " phase-applied at 2026-05-12T01:59:55Z, before it started at 2026-05-12T02:00:00Z: "
                            + "a sender's clock is off")));
        }

        @Test
        void factAboutAnUnknownPhaseIsRecordedWithAnAnomaly() {
            PhaseApplied applied = phaseApplied("drop-table");
            fixture.given(prechecked())
                    .when(record(applied))
                    .expectEvents(applied, anomaly(applied, 0, Anomaly.UNKNOWN_PHASE.because(
                            "drop-table is not a phase of this migration's plan")));
        }

        @Test
        void phaseFailedWithoutStartIsAnAnomaly() {
            var failed = phaseFailed(BACKFILL);
            fixture.given(prechecked(appliedAndVerified(ADD_COLUMN)))
                    .when(record(failed))
                    .expectEvents(failed, anomaly(failed, 0, Anomaly.PHASE_FAILED_WITHOUT_START.because(
                            BACKFILL + " was pending, not started")));
        }

        @Test
        void progressOfAPhaseNotRunningIsAnAnomaly() {
            Progress progress = progress(BACKFILL);
            fixture.given(prechecked())
                    .when(record(progress))
                    .expectEvents(progress, anomaly(progress, 0, Anomaly.PROGRESS_WITHOUT_START.because(
                            BACKFILL + " was pending, not started")));
        }

        @Test
        void progressOfARunningPhaseIsRecorded() {
            Progress progress = progress(ADD_COLUMN);
            fixture.given(prechecked(phaseStarted(ADD_COLUMN)))
                    .when(record(progress))
                    .expectEvents(progress);
        }

        @Test
        void verificationOfAnUnappliedPhaseIsAnAnomaly() {
            Verified verified = verified(BACKFILL);
            fixture.given(prechecked(phaseStarted(ADD_COLUMN)))
                    .when(record(verified))
                    .expectEvents(verified, anomaly(verified, 0, Anomaly.VERIFICATION_OF_UNAPPLIED_PHASE.because(
                            BACKFILL + " was pending, not applied")));
        }

        @Test
        void migrationVerifiedBeforeEveryPhaseAppliedIsAnAnomaly() {
            Verified verified = verified(null);
            fixture.given(prechecked(appliedAndVerified(ADD_COLUMN, BACKFILL)))
                    .when(record(verified))
                    .expectEvents(verified, anomaly(verified, 0, Anomaly.VERIFICATION_BEFORE_ALL_APPLIED.because(
                            "the migration was verified while not applied: " + SET_NOT_NULL + ", " + DEPLOY)));
        }

        @Test
        void rollbackOfAPhaseNeverAppliedIsAnAnomaly() {
            RollbackStarted rollback = rollbackStarted(SET_NOT_NULL);
            fixture.given(prechecked(appliedAndVerified(ADD_COLUMN)))
                    .when(record(rollback))
                    .expectEvents(rollback, anomaly(rollback, 0, Anomaly.ROLLBACK_OF_UNAPPLIED_PHASE.because(
                            SET_NOT_NULL + " was never applied")));
        }

        @Test
        void rollbackOfAForwardOnlyPhaseIsAnAnomaly() {
            RollbackStarted rollback = rollbackStarted(BACKFILL);
            fixture.given(prechecked(appliedAndVerified(ADD_COLUMN, BACKFILL)))
                    .when(record(rollback))
                    .expectEvents(rollback, anomaly(rollback, 0, Anomaly.ROLLBACK_OF_FORWARD_ONLY_PHASE.because(
                            BACKFILL + " is declared forward-only")));
        }

        @Test
        void rollbackJudgedAtItsStartIsNotJudgedAgainWhenDone() {
            RolledBack rolledBack = rolledBack(BACKFILL);
            fixture.given(prechecked(appliedAndVerified(ADD_COLUMN, BACKFILL))).andGiven(rollbackStarted(BACKFILL))
                    .when(record(rolledBack))
                    .expectEvents(rolledBack);
        }

        @Test
        void rollbackOfAPhaseNeverAppliedIsAnAnomalyEachTimeForItReversedNothing() {
            RolledBack rolledBack = rolledBack(SET_NOT_NULL);
            fixture.given(prechecked(appliedAndVerified(ADD_COLUMN))).andGiven(rollbackStarted(SET_NOT_NULL))
                    .when(record(rolledBack))
                    .expectEvents(rolledBack, anomaly(rolledBack, 0, Anomaly.ROLLBACK_OF_UNAPPLIED_PHASE.because(
                            SET_NOT_NULL + " was never applied")));
        }

        @Test
        void factAfterTheMigrationWasAbortedIsAnAnomaly() {
            PhaseApplied late = phaseApplied(ADD_COLUMN);
            fixture.given(prechecked(phaseStarted(ADD_COLUMN), aborted()))
                    .when(record(late))
                    .expectEvents(late, anomaly(late, 0, Anomaly.EVENT_AFTER_TERMINAL_STATE.because(
                            "phase-applied after the migration was aborted")));
        }

        @Test
        void failedVerificationFollowedByRollbackIsRecordedWithoutAnomalies() {
            VerificationFailed failed = verificationFailed(ADD_COLUMN);
            RollbackStarted rollback = rollbackStarted(ADD_COLUMN);
            RolledBack rolledBack = rolledBack(ADD_COLUMN);
            fixture.given(prechecked(phaseStarted(ADD_COLUMN), phaseApplied(ADD_COLUMN), failed, rollback))
                    .when(record(rolledBack))
                    .expectEvents(rolledBack);
        }
    }

    @Nested
    class Completion {

        @Test
        void lastPhaseVerifiedMakesTheLedgerComplete() {
            Verified last = verified(DEPLOY);
            fixture.given(prechecked(appliedAndVerified(ADD_COLUMN, BACKFILL, SET_NOT_NULL)))
                    .andGiven(phaseStarted(DEPLOY), phaseApplied(DEPLOY))
                    .when(record(last))
                    .expectEvents(last, completedBy(last));
        }

        @Test
        void verificationOfALastPhaseNeverAppliedCompletesNothing() {
            Verified unapplied = verified(DEPLOY);
            fixture.given(prechecked(appliedAndVerified(ADD_COLUMN, BACKFILL, SET_NOT_NULL)))
                    .when(record(unapplied))
                    .expectEvents(unapplied, anomaly(unapplied, 0, Anomaly.VERIFICATION_OF_UNAPPLIED_PHASE.because(
                            DEPLOY + " was pending, not applied")));
        }

        @Test
        void failedVerificationOfAPhaseNeverAppliedDoesNotMakeItVerifiable() {
            VerificationFailed failed = verificationFailed(DEPLOY);
            Verified unapplied = verified(DEPLOY);
            fixture.given(prechecked(appliedAndVerified(ADD_COLUMN, BACKFILL, SET_NOT_NULL)))
                    .andGiven(failed, anomaly(failed, 0, Anomaly.VERIFICATION_OF_UNAPPLIED_PHASE.because(
                            DEPLOY + " was pending, not applied")))
                    .when(record(unapplied))
                    .expectEvents(unapplied, anomaly(unapplied, 0, Anomaly.VERIFICATION_OF_UNAPPLIED_PHASE.because(
                            DEPLOY + " was pending, not applied")));
        }

        @Test
        void migrationLevelVerificationCompletesOnceEveryPhaseIsApplied() {
            Verified whole = verified(null);
            fixture.given(prechecked(appliedAndVerified(ADD_COLUMN, BACKFILL, SET_NOT_NULL)))
                    .andGiven(phaseStarted(DEPLOY), phaseApplied(DEPLOY))
                    .when(record(whole))
                    .expectEvents(whole, completedBy(whole));
        }

        @Test
        void completionCannotBePostedBeforeEveryPhaseIsVerified() {
            Completed completed = completed();
            fixture.given(prechecked(appliedAndVerified(ADD_COLUMN)))
                    .when(record(completed))
                    .expectEvents(refused(completed, GateRule.PHASES_NOT_VERIFIED.because(
                            "not applied and verified: " + BACKFILL + ", " + SET_NOT_NULL + ", " + DEPLOY)));
        }

        @Test
        void postedCompletionAfterTheLedgerCompletedAnswersWithTheLedgersCompletion() {
            Verified last = verified(DEPLOY);
            Object[] done = prechecked(appliedAndVerified(ADD_COLUMN, BACKFILL, SET_NOT_NULL));
            fixture.given(done).andGiven(phaseStarted(DEPLOY), phaseApplied(DEPLOY), last, completedBy(last))
                    .when(record(completed()))
                    .expectNoEvents()
                    .expectResultMessagePayload(new Outcome.Duplicate(done.length + 3));
        }
    }

    @Nested
    class SigningOff {

        private Object[] completedMigration() {
            Verified last = verified(DEPLOY);
            return Stream.concat(Stream.of(prechecked(appliedAndVerified(ADD_COLUMN, BACKFILL, SET_NOT_NULL))),
                    Stream.of(phaseStarted(DEPLOY), phaseApplied(DEPLOY), last, completedBy(last))).toArray();
        }

        @Test
        void reviewerSignsOffACompletedMigration() {
            SignedOff signOff = signedOff("dba", "bob");
            Object[] completed = completedMigration();
            EvidenceHash head = headAt(completed.length - 1);
            fixture.given(completed)
                    .when(new RecordEvent(ID, signOff, null, head))
                    .expectEvents(signOff.withEvidenceHash(head))
                    .expectResultMessagePayload(new Outcome.Recorded(completed.length));
        }

        @Test
        void signOffWhoseHeadIsNoLongerTheLastEventAppendsNothingAndSaysWhichIs() {
            Object[] completed = completedMigration();
            fixture.given(completed)
                    .when(new RecordEvent(ID, signedOff("dba", "bob"), null, headAt(completed.length - 2)))
                    .expectNoEvents()
                    .expectResultMessagePayload(new Outcome.Stale(completed.length - 1));
        }

        @Test
        void retriedSignOffWithoutItsEvidenceHashGetsTheOriginal() {
            SignedOff signOff = signedOff("dba", "bob");
            Object[] completed = completedMigration();
            fixture.given(completed).andGiven(signOff.withEvidenceHash(headAt(completed.length - 1)))
                    .when(new RecordEvent(ID, signOff, null, headAt(completed.length)))
                    .expectNoEvents()
                    .expectResultMessagePayload(new Outcome.Duplicate(completed.length));
        }

        /** The migration's last event as the controller read it; the aggregate takes the hash on trust. */
        private EvidenceHash headAt(long sequence) {
            return new EvidenceHash(sequence, "9f2c".repeat(16));
        }

        @Test
        void ownerCannotSignOffTheirOwnMigration() {
            SignedOff signOff = signedOff("author", OWNER);
            fixture.given(completedMigration())
                    .when(record(signOff))
                    .expectEvents(refused(signOff, GateRule.SIGNER_IS_OWNER.because(
                            OWNER + " owns this migration; a sign-off needs a second pair of eyes")));
        }

        @Test
        void ownerCannotSignOffUnderTheirNameWrittenAnotherWay() {
            // Upper case, full width, a trailing no-break space, and a Cyrillic a and e among Latin letters.
            for (String disguised : List.of("ALICE", "\uff41\uff4c\uff49\uff43\uff45", "alice\u00a0",
                    "\u0430lic\u0435")) {
                SignedOff signOff = signedOff("author", disguised);
                fixture.given(completedMigration())
                        .when(record(signOff))
                        .expectEvents(refused(signOff, GateRule.SIGNER_IS_OWNER.because(
                                disguised + " owns this migration; a sign-off needs a second pair of eyes")));
            }
        }

        @Test
        void ownersOwnTokenCannotSignOffWhateverSignerItNames() {
            SignedOff signOff = signedOff("dba", "bob");
            fixture.given(completedMigration())
                    .when(record(signOff), Map.of(AxonConfiguration.PRINCIPAL, OWNER))
                    .expectEvents(refused(signOff, GateRule.SIGNER_IS_OWNER.because("token " + OWNER
                            + " is the owner's own; a sign-off needs a second pair of eyes, whoever it names as signer")));
        }

        @Test
        void migrationCannotBeSignedOffBeforeItCompleted() {
            SignedOff signOff = signedOff("dba", "bob");
            fixture.given(prechecked(appliedAndVerified(ADD_COLUMN)))
                    .when(record(signOff))
                    .expectEvents(refused(signOff, GateRule.NOT_COMPLETED.because(
                            "the migration is in-progress, not completed")));
        }

        @Test
        void abortedMigrationCannotBeSignedOff() {
            SignedOff signOff = signedOff("dba", "bob");
            fixture.given(prechecked(aborted()))
                    .when(record(signOff))
                    .expectEvents(refused(signOff, GateRule.TERMINAL_STATE.because("the migration is aborted")));
        }
    }

    @Nested
    class Idempotency {

        @Test
        void duplicateEventIdReturnsTheOriginalAndAppendsNothing() {
            PhaseStarted start = phaseStarted(ADD_COLUMN);
            Object[] given = prechecked(start);
            fixture.given(given)
                    .when(record(start))
                    .expectNoEvents()
                    .expectResultMessagePayload(new Outcome.Duplicate(given.length - 1));
        }

        @Test
        void retriedRefusedGateGetsTheOriginalRefusal() {
            PhaseStarted start = phaseStarted(ADD_COLUMN);
            Reason reason = GateRule.PRECHECKS_INCOMPLETE.because("rollback-ready has not passed");
            fixture.given(planned(), precheckPassed("backup-taken"), precheckPassed("staging-tested"), refused(start, reason))
                    .when(record(start))
                    .expectNoEvents()
                    .expectResultMessagePayload(new Outcome.Refused(3, List.of(reason)));
        }

        @Test
        void sameEventIdWithADifferentBodyIsAConflict() {
            PhaseApplied applied = phaseApplied(ADD_COLUMN);
            PhaseApplied tampered = new PhaseApplied(applied.eventId(), applied.occurredAt(), applied.actor(),
                    applied.runner(), applied.phase(), 9999L, applied.rowsAffected(), applied.lockWaitMs(), applied.output());
            fixture.given(prechecked(phaseStarted(ADD_COLUMN), applied))
                    .when(record(tampered))
                    .expectNoEvents()
                    .expectResultMessagePayload(new Outcome.Conflict(new Reason(Receipt.EVENT_ID_CONFLICT,
                            "eventId " + applied.eventId() + " was already used for a different phase-applied event")));
        }
    }
}
