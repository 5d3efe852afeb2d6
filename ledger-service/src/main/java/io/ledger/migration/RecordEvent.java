package io.ledger.migration;

import io.ledger.api.EvidenceHash;
import io.ledger.api.event.LedgerEvent;
import io.ledger.policy.GateEvidence;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A runner's fact or gate, to be recorded (or, for a gate, possibly refused) on one migration. A gate comes with
 * the evidence its environment's policy is judged against, looked up beforehand since the aggregate does no I/O. A
 * sign-off comes with {@code head}, the migration's last event and its hash as read before the command, which the
 * sign-off binds if that event is still the last.
 */
record RecordEvent(@TargetAggregateIdentifier String migrationId, LedgerEvent event, GateEvidence evidence,
        EvidenceHash head) implements MigrationCommand {

    RecordEvent {
        evidence = evidence == null ? GateEvidence.NONE : evidence;
    }

    RecordEvent(String migrationId, LedgerEvent event, GateEvidence evidence) {
        this(migrationId, event, evidence, null);
    }

    RecordEvent(String migrationId, LedgerEvent event) {
        this(migrationId, event, GateEvidence.NONE);
    }
}
