package io.ledger.policy;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * What one environment demands before a migration's first phase may start; docs/policy.md describes each rule.
 * The defaults are the strict ones, for {@code prod}; an environment without policy is {@link #RELAXED}.
 *
 * @param enforced        whether the rules are evaluated at all
 * @param promotedFrom    the environment the same checksum must have completed in first
 * @param backupWindow    how recent the passed {@code backup-taken} pre-check must be when the first phase starts
 * @param approverRoles   the roles that must sign a {@code high} or {@code critical} migration off before it starts
 * @param durationBudget  how long the plan's estimate and the earlier run may take without a waiver
 * @param durationWaiver  the pre-check that, {@code waived} with evidence, lets a migration over budget run
 */
public record Policy(
        @DefaultValue("true") boolean enforced,
        @DefaultValue("staging") String promotedFrom,
        @DurationMin(millis = 1) @DefaultValue("24h") Duration backupWindow,
        @DefaultValue("dba") List<String> approverRoles,
        @DurationMin(millis = 1) @DefaultValue("30s") Duration durationBudget,
        @DefaultValue("duration-waiver") String durationWaiver) {

    /** The strict defaults, for {@code prod}. */
    public static final Policy STRICT = new Policy(true, "staging", Duration.ofHours(24), List.of("dba"),
            Duration.ofSeconds(30), "duration-waiver");

    /** No policy: only the runbook's own rules guard the gates ({@code dev}, and any unlisted environment). */
    public static final Policy RELAXED = new Policy(false, "staging", Duration.ofHours(24), List.of(),
            Duration.ofSeconds(30), "duration-waiver");

    public Policy {
        approverRoles = approverRoles == null ? List.of() : List.copyOf(approverRoles);
    }
}
