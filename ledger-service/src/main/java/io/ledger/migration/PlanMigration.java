package io.ledger.migration;

import io.ledger.api.event.Planned;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

record PlanMigration(@TargetAggregateIdentifier String migrationId, Planned planned) implements MigrationCommand {
}
