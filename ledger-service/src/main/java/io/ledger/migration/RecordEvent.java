package io.ledger.migration;

import io.ledger.api.event.LedgerEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A runner's fact or gate, to be recorded (or, for a gate, possibly refused) on one migration. */
record RecordEvent(@TargetAggregateIdentifier String migrationId, LedgerEvent event) {
}
