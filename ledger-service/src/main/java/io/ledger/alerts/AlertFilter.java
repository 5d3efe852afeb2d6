package io.ledger.alerts;

import io.ledger.api.Severity;

/** The filters of {@code GET /alerts}; a null filter matches every alert. */
record AlertFilter(AlertState state, Severity severity, String migrationId, String database, String environment,
        int limit) {
}
