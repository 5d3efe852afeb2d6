package io.ledger.policy;

import io.ledger.api.GateRule;
import io.ledger.api.PolicyCheck;
import io.ledger.api.PolicyOutcome;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.PhaseFailed;
import io.ledger.api.event.Planned;
import io.ledger.api.event.PolicyEvaluated;
import io.ledger.api.event.RolledBack;
import io.ledger.api.event.VerificationFailed;
import io.ledger.api.event.Verified;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Keeps each migration's outcome of the seed's acceptance criteria, for the report per database and environment.
 * The policy's outcomes are copied from its recorded decisions, never judged again here.
 */
@Component
@ProcessingGroup(ComplianceProjector.PROCESSING_GROUP)
class ComplianceProjector {

    static final String PROCESSING_GROUP = "policy";

    /** The acceptance criteria of the seed runbooks, by the policy rule that checks each, as report columns. */
    static final Map<GateRule, String> COLUMNS = Map.of(
            GateRule.TWO_PHASE_DESTRUCTIVE, "additive_only",
            GateRule.REVERSAL_REQUIRED, "rollback_per_phase",
            GateRule.STAGING_BEFORE_PROD, "staging_before_prod",
            GateRule.BACKUP_BEFORE_PROD, "backup_before_prod",
            GateRule.DURATION_BUDGET, "duration_in_budget");

    private final JdbcTemplate jdbc;
    private final Reversals reversals;

    ComplianceProjector(JdbcTemplate jdbc, Reversals reversals) {
        this.jdbc = jdbc;
        this.reversals = reversals;
    }

    @EventHandler
    void on(Planned planned) {
        jdbc.update("INSERT INTO policy_compliance (migration_id, database, environment, forward_only_phases) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT (migration_id) DO NOTHING",
                planned.plan().id(), planned.plan().database(), planned.plan().environment(),
                Compliance.forwardOnlyPhases(planned.plan()).toArray(String[]::new));
    }

    @EventHandler
    void on(PolicyEvaluated decision, DomainEventMessage<?> message) {
        for (PolicyCheck check : decision.checks()) {
            String column = COLUMNS.get(check.rule());
            if (column != null) {
                jdbc.update("UPDATE policy_compliance SET " + column + " = ? WHERE migration_id = ?",
                        check.outcome().wireId(), message.getAggregateIdentifier());
            }
        }
    }

    @EventHandler
    void on(PhaseFailed failed, DomainEventMessage<?> message) {
        failure(message, failed);
    }

    @EventHandler
    void on(VerificationFailed failed, DomainEventMessage<?> message) {
        failure(message, failed);
    }

    /** A forward-only phase cannot be rolled back: verified again after it failed, it was fixed forward. */
    @EventHandler
    void on(Verified verified, DomainEventMessage<?> message) {
        if (verified.phase() != null) {
            jdbc.update("UPDATE policy_compliance SET failure_rolled_back = ? WHERE migration_id = ? "
                    + "AND failure_rolled_back = ? AND failed_phase = ? AND ? = ANY(forward_only_phases)",
                    PolicyOutcome.PASS.wireId(), message.getAggregateIdentifier(), PolicyOutcome.FAIL.wireId(),
                    verified.phase(), verified.phase());
        }
    }

    /** A rollback passes a failed migration only when it reversed a phase that ran. */
    @EventHandler
    void on(RolledBack rolledBack, DomainEventMessage<?> message) {
        String id = message.getAggregateIdentifier();
        if (!reversals.reversesAny(id, message.getSequenceNumber(), rolledBack.phases())) {
            return;
        }
        jdbc.update("UPDATE policy_compliance SET failure_rolled_back = ? WHERE migration_id = ? "
                + "AND failure_rolled_back = ?", PolicyOutcome.PASS.wireId(), id, PolicyOutcome.FAIL.wireId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM policy_compliance");
    }

    private void failure(DomainEventMessage<?> message, LedgerEvent failure) {
        jdbc.update("UPDATE policy_compliance SET failure_rolled_back = ?, failed_phase = ? WHERE migration_id = ?",
                PolicyOutcome.FAIL.wireId(), Compliance.failedPhase(failure), message.getAggregateIdentifier());
    }
}
