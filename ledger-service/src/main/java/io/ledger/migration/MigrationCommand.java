package io.ledger.migration;

/** A command on one migration: what the aggregate handles and what a group commit batches. */
sealed interface MigrationCommand permits PlanMigration, RecordEvent {

    String migrationId();
}
