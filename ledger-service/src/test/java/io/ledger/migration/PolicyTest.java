package io.ledger.migration;

import io.ledger.api.EvidenceHash;
import io.ledger.api.GateRule;
import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStep;
import io.ledger.api.Phase;
import io.ledger.api.PolicyCheck;
import io.ledger.api.PolicyOutcome;
import io.ledger.api.PrecheckStatus;
import io.ledger.api.Reason;
import io.ledger.api.Severity;
import io.ledger.api.event.GateRefused;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.PhaseStarted;
import io.ledger.api.event.Planned;
import io.ledger.api.event.PolicyEvaluated;
import io.ledger.api.event.PrecheckRecorded;
import io.ledger.api.event.Prechecked;
import io.ledger.api.event.SignedOff;
import io.ledger.policy.CompletedRun;
import io.ledger.policy.GateEvidence;
import io.ledger.policy.PlanAnalysis;
import io.ledger.policy.Policy;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.CustomMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static io.ledger.api.event.LedgerEvent.LEDGER_ACTOR;
import static io.ledger.migration.Runbook.AT;
import static io.ledger.migration.Runbook.FLYWAY;
import static io.ledger.migration.Runbook.OWNER;
import static io.ledger.migration.Runbook.RUNNER;
import static io.ledger.migration.Runbook.signedOff;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production's policy at the first phase, one rule per test: a runbook that satisfies every rule starts, and each
 * test breaks one rule. The facts about other migrations (the staging run, the expand step) arrive with the
 * command, as the controller looks them up.
 */
class PolicyTest {

    static final String PROD_ID = "orders-status-v42@prod";
    static final String ADD_COLUMN = "add-nullable-column";
    static final String DROP_COLUMN = "drop-legacy-status";
    static final CompletedRun STAGING_RUN = new CompletedRun("orders-status-v42@staging", UUID.randomUUID(), 4_000L);
    static final CompletedRun EXPAND_RUN = new CompletedRun("orders-status-v41@prod", UUID.randomUUID(), 2_000L);
    static final GateEvidence PROMOTED = new GateEvidence(Policy.STRICT, STAGING_RUN, null);

    private FixtureConfiguration<Migration> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(Migration.class);
    }

    /** Adds a nullable column in one reversible phase, medium severity, 20 s: every rule of prod satisfied. */
    static MigrationPlan prodPlan() {
        return prodPlan(MigrationStep.EXPAND, Severity.MEDIUM, 20L, addColumn());
    }

    static MigrationPlan prodPlan(MigrationStep step, Severity severity, Long estimatedSeconds, Phase... phases) {
        return new MigrationPlan(PROD_ID, "orders-db", "prod", "42", "Add status column to orders", "sha256:9f2c",
                MigrationKind.SCHEMA, step, OWNER, List.of("bob"), severity, estimatedSeconds, null, List.of(phases),
                List.of(PolicyRules.BACKUP), List.of());
    }

    static Phase addColumn() {
        return new Phase(ADD_COLUMN, "SET lock_timeout = '5s'; ALTER TABLE orders ADD COLUMN status text;", null,
                "ALTER TABLE orders DROP COLUMN status;", false, 5L);
    }

    static Phase dropColumn() {
        return new Phase(DROP_COLUMN, "SET lock_timeout = '5s'; ALTER TABLE orders DROP COLUMN legacy_status;", null,
                null, true, 5L);
    }

    /** The plan registered with its analysis, as {@code POST /migrations} records it. */
    static Planned planned(MigrationPlan plan) {
        return new Planned(DerivedEventIds.planned(plan.id()), AT, OWNER, null, plan, PlanAnalysis.of(plan));
    }

    static PrecheckRecorded backupTaken(Instant at) {
        return new PrecheckRecorded(UUID.randomUUID(), at, RUNNER, FLYWAY, PolicyRules.BACKUP, PrecheckStatus.PASSED,
                "s3://backups/orders-db/42");
    }

    /** Planned, and backed up an hour before the phase starts (at {@link Runbook#AT}). */
    static Object[] preparedForProd(MigrationPlan plan, Object... then) {
        PrecheckRecorded backup = backupTaken(AT.minus(Duration.ofHours(1)));
        List<Object> given = new ArrayList<>(List.of(planned(plan), backup, new Prechecked(
                DerivedEventIds.causedBy(backup.eventId(), "prechecked"), AT, LEDGER_ACTOR, null,
                List.of(PolicyRules.BACKUP))));
        given.addAll(List.of(then));
        return given.toArray();
    }

    static RecordEvent start(String phase, GateEvidence evidence) {
        return new RecordEvent(PROD_ID, new PhaseStarted(UUID.randomUUID(), AT, RUNNER, FLYWAY, phase), evidence);
    }

    /** The policy decision followed by the phase it allowed. */
    static Matcher<List<EventMessage<?>>> allowedWith(Map<GateRule, PolicyOutcome> outcomes) {
        return events(events -> {
            assertThat(events).hasSize(2);
            assertThat(events.get(0)).isInstanceOfSatisfying(PolicyEvaluated.class, decision -> {
                assertThat(decision.allowed()).isTrue();
                assertThat(decision.environment()).isEqualTo("prod");
                assertThat(decision.gateEventId()).isEqualTo(events.get(1).eventId());
                assertThat(outcomes(decision)).containsAllEntriesOf(outcomes);
            });
            assertThat(events.get(1)).isInstanceOf(PhaseStarted.class);
        });
    }

    /** The policy decision, every rule listed, followed by the refusal naming exactly the rules broken. */
    static Matcher<List<EventMessage<?>>> refusedBy(GateRule... rules) {
        return events(events -> {
            assertThat(events).hasSize(2);
            assertThat(events.get(0)).isInstanceOfSatisfying(PolicyEvaluated.class, decision -> {
                assertThat(decision.allowed()).isFalse();
                assertThat(decision.checks()).extracting(PolicyCheck::rule).containsExactly(
                        GateRule.STAGING_BEFORE_PROD, GateRule.BACKUP_BEFORE_PROD, GateRule.REVERSAL_REQUIRED,
                        GateRule.TWO_PHASE_DESTRUCTIVE, GateRule.APPROVAL_REQUIRED, GateRule.DURATION_BUDGET);
                assertThat(decision.checks()).filteredOn(check -> check.outcome() == PolicyOutcome.FAIL)
                        .extracting(PolicyCheck::rule).containsExactly(rules);
            });
            assertThat(events.get(1)).isInstanceOfSatisfying(GateRefused.class, refused ->
                    assertThat(refused.reasons()).extracting(Reason::rule)
                            .containsExactly(List.of(rules).stream().map(GateRule::wireId).toArray(String[]::new)));
        });
    }

    static Map<GateRule, PolicyOutcome> outcomes(PolicyEvaluated decision) {
        return decision.checks().stream().collect(Collectors.toMap(PolicyCheck::rule, PolicyCheck::outcome));
    }

    static Matcher<List<EventMessage<?>>> events(Consumer<List<LedgerEvent>> assertion) {
        return new CustomMatcher<>("events satisfying the policy's assertions") {
            @Override
            public boolean matches(Object item) {
                @SuppressWarnings("unchecked")
                List<EventMessage<?>> messages = (List<EventMessage<?>>) item;
                assertion.accept(messages.stream().map(message -> (LedgerEvent) message.getPayload()).toList());
                return true;
            }
        };
    }

    @Nested
    class Promotion {

        @Test
        void firstPhaseInProdStartsWhenEveryRuleHoldsAndTheDecisionIsRecordedFirst() {
            fixture.given(preparedForProd(prodPlan()))
                    .when(start(ADD_COLUMN, PROMOTED))
                    .expectEventsMatching(allowedWith(Map.of(
                            GateRule.STAGING_BEFORE_PROD, PolicyOutcome.PASS,
                            GateRule.BACKUP_BEFORE_PROD, PolicyOutcome.PASS,
                            GateRule.REVERSAL_REQUIRED, PolicyOutcome.PASS,
                            GateRule.TWO_PHASE_DESTRUCTIVE, PolicyOutcome.PASS,
                            GateRule.APPROVAL_REQUIRED, PolicyOutcome.NOT_APPLICABLE,
                            GateRule.DURATION_BUDGET, PolicyOutcome.PASS)));
        }

        @Test
        void prodNeedsTheSameChecksumCompletedInStagingFirst() {
            fixture.given(preparedForProd(prodPlan()))
                    .when(start(ADD_COLUMN, new GateEvidence(Policy.STRICT, null, null)))
                    .expectEventsMatching(refusedBy(GateRule.STAGING_BEFORE_PROD));
        }

        @Test
        void theStagingRunIsCitedAsEvidence() {
            fixture.given(preparedForProd(prodPlan()))
                    .when(start(ADD_COLUMN, PROMOTED))
                    .expectEventsMatching(events(events -> assertThat(((PolicyEvaluated) events.get(0)).checks())
                            .filteredOn(check -> check.rule() == GateRule.STAGING_BEFORE_PROD).singleElement()
                            .satisfies(check -> {
                                assertThat(check.evidenceEventId()).isEqualTo(STAGING_RUN.completedEventId());
                                assertThat(check.evidenceMigrationId()).isEqualTo(STAGING_RUN.migrationId());
                            })));
        }

        @Test
        void relaxedEnvironmentsRecordNoPolicyDecision() {
            PhaseStarted start = new PhaseStarted(UUID.randomUUID(), AT, RUNNER, FLYWAY, ADD_COLUMN);
            fixture.given(preparedForProd(prodPlan()))
                    .when(new RecordEvent(PROD_ID, start, new GateEvidence(Policy.RELAXED, null, null)))
                    .expectEvents(start);
        }

        @Test
        void policyIsJudgedOnceBeforeTheFirstPhaseNotAtEveryPhase() {
            MigrationPlan plan = prodPlan(MigrationStep.EXPAND, Severity.MEDIUM, 20L, addColumn(),
                    new Phase("backfill", "UPDATE orders SET status = 'paid' WHERE id BETWEEN $1 AND $2;", null,
                            null, true, 5L));
            PhaseStarted first = new PhaseStarted(UUID.randomUUID(), AT, RUNNER, FLYWAY, ADD_COLUMN);
            PhaseStarted second = new PhaseStarted(UUID.randomUUID(), AT, RUNNER, FLYWAY, "backfill");
            fixture.given(preparedForProd(plan, first, Runbook.phaseApplied(ADD_COLUMN), Runbook.verified(ADD_COLUMN)))
                    .when(new RecordEvent(PROD_ID, second, new GateEvidence(Policy.STRICT, null, null)))
                    .expectEvents(second);
        }
    }

    @Nested
    class Backup {

        @Test
        void prodNeedsABackupTakenWithinTheWindowBeforeTheFirstPhase() {
            PrecheckRecorded stale = backupTaken(AT.minus(Duration.ofHours(25)));
            fixture.given(preparedForProd(prodPlan(), stale))
                    .when(start(ADD_COLUMN, PROMOTED))
                    .expectEventsMatching(refusedBy(GateRule.BACKUP_BEFORE_PROD));
        }

        @Test
        void aFailedBackupIsNoBackup() {
            PrecheckRecorded failed = new PrecheckRecorded(UUID.randomUUID(), AT, RUNNER, FLYWAY, PolicyRules.BACKUP,
                    PrecheckStatus.FAILED, "disk full");
            fixture.given(preparedForProd(prodPlan(), failed))
                    .when(start(ADD_COLUMN, PROMOTED))
                    .expectEventsMatching(events(events -> assertThat(events).last()
                            .isInstanceOfSatisfying(GateRefused.class, refused -> assertThat(refused.reasons())
                                    .extracting(Reason::rule).contains(GateRule.BACKUP_BEFORE_PROD.wireId()))));
        }
    }

    @Nested
    class Reversal {

        @Test
        void everyPhaseNeedsARollbackOrDeclaresItselfForwardOnly() {
            Phase noWayBack = new Phase(ADD_COLUMN, "SET lock_timeout = '5s'; ALTER TABLE orders ADD COLUMN s text;",
                    null, null, false, 5L);
            fixture.given(preparedForProd(prodPlan(MigrationStep.EXPAND, Severity.MEDIUM, 20L, noWayBack)))
                    .when(start(ADD_COLUMN, PROMOTED))
                    .expectEventsMatching(refusedBy(GateRule.REVERSAL_REQUIRED));
        }
    }

    @Nested
    class TwoPhases {

        @Test
        void destructiveChangeIsRefusedInProdOutsideAContractStep() {
            fixture.given(preparedForProd(prodPlan(MigrationStep.EXPAND, Severity.MEDIUM, 20L, dropColumn())))
                    .when(start(DROP_COLUMN, new GateEvidence(Policy.STRICT, STAGING_RUN, EXPAND_RUN)))
                    .expectEventsMatching(refusedBy(GateRule.TWO_PHASE_DESTRUCTIVE));
        }

        @Test
        void contractStepIsRefusedUntilAnExpandOfTheSameDatabaseCompleted() {
            fixture.given(preparedForProd(prodPlan(MigrationStep.CONTRACT, Severity.MEDIUM, 20L, dropColumn())))
                    .when(start(DROP_COLUMN, PROMOTED))
                    .expectEventsMatching(refusedBy(GateRule.TWO_PHASE_DESTRUCTIVE));
        }

        @Test
        void contractStepMayDestroyAfterItsExpandCompleted() {
            fixture.given(preparedForProd(prodPlan(MigrationStep.CONTRACT, Severity.MEDIUM, 20L, dropColumn())))
                    .when(start(DROP_COLUMN, new GateEvidence(Policy.STRICT, STAGING_RUN, EXPAND_RUN)))
                    .expectEventsMatching(allowedWith(Map.of(GateRule.TWO_PHASE_DESTRUCTIVE, PolicyOutcome.PASS)));
        }
    }

    @Nested
    class Approval {

        private final MigrationPlan risky = prodPlan(MigrationStep.EXPAND, Severity.HIGH, 20L, addColumn());

        @Test
        void highSeverityNeedsTheApproverRolesSignOffBeforeTheFirstPhase() {
            fixture.given(preparedForProd(risky))
                    .when(start(ADD_COLUMN, PROMOTED))
                    .expectEventsMatching(refusedBy(GateRule.APPROVAL_REQUIRED));
        }

        @Test
        void approverMaySignOffBeforeTheStart() {
            SignedOff approval = signedOff("dba", "dave");
            Object[] prepared = preparedForProd(risky);
            EvidenceHash head = new EvidenceHash(prepared.length - 1, "9f2c".repeat(16));
            fixture.given(prepared)
                    .when(new RecordEvent(PROD_ID, approval, PROMOTED, head))
                    .expectEvents(approval.withEvidenceHash(head));
        }

        @Test
        void ownerCannotApproveTheirOwnMigration() {
            SignedOff approval = signedOff("dba", OWNER);
            fixture.given(preparedForProd(risky))
                    .when(new RecordEvent(PROD_ID, approval, PROMOTED))
                    .expectEvents(Runbook.refused(approval, GateRule.SIGNER_IS_OWNER.because(
                            OWNER + " owns this migration; a sign-off needs a second pair of eyes")));
        }

        @Test
        void onlyApproverRolesSignOffBeforeCompletion() {
            SignedOff pm = signedOff("pm", "paula");
            fixture.given(preparedForProd(risky))
                    .when(new RecordEvent(PROD_ID, pm, PROMOTED))
                    .expectEvents(Runbook.refused(pm, GateRule.NOT_COMPLETED.because(
                            "the migration is prechecked, not completed")));
        }

        @Test
        void approvedMigrationStarts() {
            fixture.given(preparedForProd(risky, signedOff("dba", "dave")))
                    .when(start(ADD_COLUMN, PROMOTED))
                    .expectEventsMatching(allowedWith(Map.of(GateRule.APPROVAL_REQUIRED, PolicyOutcome.PASS)));
        }
    }

    @Nested
    class DurationBudget {

        private final MigrationPlan long_ = prodPlan(MigrationStep.EXPAND, Severity.MEDIUM, 1800L, addColumn());

        @Test
        void estimateOverTheBudgetNeedsAWaiver() {
            fixture.given(preparedForProd(long_))
                    .when(start(ADD_COLUMN, PROMOTED))
                    .expectEventsMatching(refusedBy(GateRule.DURATION_BUDGET));
        }

        @Test
        void stagingRunOverTheBudgetNeedsAWaiver() {
            CompletedRun slow = new CompletedRun(STAGING_RUN.migrationId(), STAGING_RUN.completedEventId(), 45_000L);
            fixture.given(preparedForProd(prodPlan()))
                    .when(start(ADD_COLUMN, new GateEvidence(Policy.STRICT, slow, null)))
                    .expectEventsMatching(refusedBy(GateRule.DURATION_BUDGET));
        }

        @Test
        void aStagingRunThatMeasuredNothingShowsNothingWithinTheBudgetAndNeedsAWaiver() {
            CompletedRun unmeasured = new CompletedRun(STAGING_RUN.migrationId(), STAGING_RUN.completedEventId(),
                    null);
            fixture.given(preparedForProd(prodPlan()))
                    .when(start(ADD_COLUMN, new GateEvidence(Policy.STRICT, unmeasured, null)))
                    .expectEventsMatching(refusedBy(GateRule.DURATION_BUDGET));
        }

        @Test
        void waiverWithEvidenceLetsAMigrationOverBudgetRun() {
            PrecheckRecorded waiver = new PrecheckRecorded(UUID.randomUUID(), AT, "carol", null, "duration-waiver",
                    PrecheckStatus.WAIVED, "CHG-1234: off-peak window approved");
            fixture.given(preparedForProd(long_, waiver))
                    .when(start(ADD_COLUMN, PROMOTED))
                    .expectEventsMatching(allowedWith(Map.of(GateRule.DURATION_BUDGET, PolicyOutcome.PASS)));
        }

        @Test
        void waiverWithoutEvidenceWaivesNothing() {
            PrecheckRecorded waiver = new PrecheckRecorded(UUID.randomUUID(), AT, "carol", null, "duration-waiver",
                    PrecheckStatus.WAIVED, " ");
            fixture.given(preparedForProd(long_, waiver))
                    .when(start(ADD_COLUMN, PROMOTED))
                    .expectEventsMatching(refusedBy(GateRule.DURATION_BUDGET));
        }
    }
}
