package io.ledger.alerts;

import io.ledger.api.Severity;

/** How bad an alert is: the migration's own severity, one level worse in production; critical stays critical. */
final class Severities {

    private Severities() {
    }

    static Severity of(Severity migration, boolean production) {
        if (!production || migration == Severity.CRITICAL) {
            return migration;
        }
        return Severity.values()[migration.ordinal() + 1];
    }
}
