package io.ledger.lint;

import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStep;
import io.ledger.api.Phase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PlanLinterTest {

    private static final String LOCK_TIMEOUT = "SET lock_timeout = '5s';\n";

    @Test
    void findingsAreLocatedByPhaseFieldAndLine() {
        Phase phase = new Phase("add-index", LOCK_TIMEOUT + "CREATE INDEX orders_status_idx ON orders (status);",
                null, "DROP INDEX CONCURRENTLY IF EXISTS orders_status_idx;", false, 5L);

        List<Finding> findings = PlanLinter.lint(plan(phase));

        assertThat(findings).extracting(Finding::ruleId, Finding::source, Finding::line)
                .containsExactly(tuple("create-index-not-concurrently", "phases[0].action", 2));
    }

    @Test
    void rollbackScriptsAreLintedWithTheirDestructiveFindingsAsWarnings() {
        Phase phase = new Phase("add-column", LOCK_TIMEOUT + "ALTER TABLE orders ADD COLUMN status text;", null,
                LOCK_TIMEOUT + "ALTER TABLE orders DROP COLUMN status;\nALTER TABLE orders ADD COLUMN old text;",
                false, 5L);

        assertThat(PlanLinter.lint(plan(phase))).extracting(Finding::ruleId, Finding::source, Finding::severity)
                .containsExactly(tuple("drop-column", "phases[0].rollback", Severity.WARNING));
    }

    @Test
    void phaseWithoutRollbackThatIsNotForwardOnlyMissesItsReversal() {
        Phase withoutRollback = new Phase("backfill", backfill(), null, null, false, 60L);

        assertThat(PlanLinter.lint(plan(withoutRollback))).extracting(Finding::ruleId, Finding::source)
                .containsExactly(tuple("missing-reversal", "phases[0]"));
    }

    @Test
    void forwardOnlyPhaseNeedsNoRollback() {
        Phase forwardOnly = new Phase("backfill", backfill(), null, null, true, 60L);

        assertThat(PlanLinter.lint(plan(forwardOnly))).isEmpty();
    }

    @Test
    void expandInOnePhaseAndContractInAnotherIsMixed() {
        Phase expand = new Phase("add-column", LOCK_TIMEOUT + "ALTER TABLE orders ADD COLUMN status_v2 text;", null,
                null, true, 5L);
        Phase contract = new Phase("drop-old", LOCK_TIMEOUT + "\nALTER TABLE orders DROP COLUMN status;", null, null,
                true, 5L);

        assertThat(PlanLinter.lint(plan(expand, contract)))
                .extracting(Finding::ruleId, Finding::source, Finding::line)
                .containsExactlyInAnyOrder(
                        tuple("drop-column", "phases[1].action", 3),
                        tuple("mixed-expand-contract", "phases[1].action", 3));
    }

    @Test
    void mixingWithinOnePhaseIsReportedOnce() {
        Phase both = new Phase("both", LOCK_TIMEOUT
                + "ALTER TABLE orders ADD COLUMN status_v2 text;\nALTER TABLE orders DROP COLUMN status;", null, null,
                true, 5L);

        assertThat(PlanLinter.lint(plan(both))).extracting(Finding::ruleId)
                .containsExactlyInAnyOrder("drop-column", "mixed-expand-contract");
    }

    private static String backfill() {
        return "UPDATE orders SET status = 'paid' WHERE status IS NULL AND id BETWEEN $1 AND $2;";
    }

    private static MigrationPlan plan(Phase... phases) {
        return new MigrationPlan("orders-status-v42@staging", "orders-db", "staging", "42", null, null,
                MigrationKind.SCHEMA, MigrationStep.EXPAND, "alice", null, null, null, null, List.of(phases), null,
                null);
    }
}
