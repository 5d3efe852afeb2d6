package io.ledger.policy;

/**
 * What a gate is judged against beyond the migration's own events: its environment's policy and the facts about
 * other migrations it needs, looked up before the command so that the aggregate does no I/O. Null facts were not
 * found.
 *
 * @param policy     the environment's policy
 * @param promotion  the latest completed run of the same checksum in the environment promoted from
 * @param expand     the latest completed {@code expand} migration of the same database and environment
 */
public record GateEvidence(Policy policy, CompletedRun promotion, CompletedRun expand) {

    /** No policy and no facts: the runbook's own rules only. */
    public static final GateEvidence NONE = new GateEvidence(Policy.RELAXED, null, null);
}
