package io.ledger.policy;

import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStep;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * Looks up, in the ledger itself, the facts about other migrations a policy needs. It reads the event table
 * directly rather than a projection, so that a gate is judged against every completion already committed, never
 * against a read model that lags behind. Only gates of environments with an enforced policy pay for it.
 */
@Component
public class PolicyFacts {

    /** Matched by the index {@code domainevententry_plan_checksum} (V10). */
    static final String SAME_CHECKSUM = planField("checksum") + " = ? AND " + planField("environment") + " = ?";
    /** Matched by the index {@code domainevententry_plan_step} (V10). */
    static final String SAME_STEP = planField("database") + " = ? AND " + planField("environment") + " = ? AND "
            + planField("step") + " = ?";
    /**
     * A run's duration as reports and the migration's state measure it: from its first {@code phase-started} to its
     * {@code completed}, on the runner's clock, whatever the runner reported of each phase; without a started phase,
     * the sum of the {@code durationMs} its phases reported; null when it measured nothing.
     */
    private static final String COMPLETED_RUN = "SELECT c.aggregateidentifier, "
            + "convert_from(c.payload, 'UTF8')::jsonb ->> 'eventId' AS eventid, "
            + "coalesce((SELECT round(extract(epoch FROM " + occurredAt("c") + " - min(" + occurredAt("s") + "))"
            + "      * 1000)::bigint "
            + "   FROM domainevententry s WHERE s.aggregateidentifier = c.aggregateidentifier "
            + "   AND s.payloadtype = 'io.ledger.api.event.PhaseStarted'), "
            + " (SELECT sum((convert_from(a.payload, 'UTF8')::jsonb ->> 'durationMs')::bigint) "
            + "   FROM domainevententry a WHERE a.aggregateidentifier = c.aggregateidentifier "
            + "   AND a.payloadtype = 'io.ledger.api.event.PhaseApplied'))::bigint AS durationms "
            + "FROM domainevententry p JOIN domainevententry c ON c.aggregateidentifier = p.aggregateidentifier "
            + "WHERE p.payloadtype = 'io.ledger.api.event.Planned' AND c.payloadtype = 'io.ledger.api.event.Completed' ";

    private final JdbcTemplate jdbc;
    private final PolicySettings settings;

    PolicyFacts(JdbcTemplate jdbc, PolicySettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** The environment's policy alone: enough for the gates that judge no other migration, such as sign-offs. */
    public GateEvidence policyFor(MigrationPlan plan) {
        return new GateEvidence(settings.policyFor(plan.environment()), null, null);
    }

    public GateEvidence evidenceFor(MigrationPlan plan) {
        Policy policy = settings.policyFor(plan.environment());
        if (!policy.enforced()) {
            return new GateEvidence(policy, null, null);
        }
        CompletedRun promotion = plan.checksum() == null ? null : latest(COMPLETED_RUN
                + "AND " + SAME_CHECKSUM + " ORDER BY c.globalindex DESC LIMIT 1",
                plan.checksum(), policy.promotedFrom());
        CompletedRun expand = latest(COMPLETED_RUN + "AND " + SAME_STEP + " AND p.aggregateidentifier <> ? "
                        + "ORDER BY c.globalindex DESC LIMIT 1",
                plan.database(), plan.environment(), MigrationStep.EXPAND.wireId(), plan.id());
        return new GateEvidence(policy, promotion, expand);
    }

    private static String occurredAt(String event) {
        return "(convert_from(" + event + ".payload, 'UTF8')::jsonb ->> 'occurredAt')::timestamptz";
    }

    private static String planField(String field) {
        return "ledger_plan_field(p.payload, '" + field + "')";
    }

    private CompletedRun latest(String sql, Object... arguments) {
        List<CompletedRun> runs = jdbc.query(sql, (row, n) -> new CompletedRun(row.getString("aggregateidentifier"),
                UUID.fromString(row.getString("eventid")), row.getObject("durationms", Long.class)), arguments);
        return runs.isEmpty() ? null : runs.get(0);
    }
}
