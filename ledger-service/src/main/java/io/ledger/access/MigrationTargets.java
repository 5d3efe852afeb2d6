package io.ledger.access;

import java.util.Optional;

/**
 * Where a migration runs, which decides whose scope it is in. Implemented by the migrations feature, which owns the
 * plans; declared here so that access rules can ask without depending on it.
 */
public interface MigrationTargets {

    /** @return the migration's database and environment, or empty when it was never planned */
    Optional<Target> of(String migrationId);

    record Target(String database, String environment) {
    }
}
