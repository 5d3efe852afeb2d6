package io.ledger.api.view;

import io.ledger.api.event.LedgerEvent;

import java.time.Instant;

/**
 * An event as the ledger stored it: its per-migration {@code sequence} (from 0), its ledger-wide {@code position}
 * (increasing in commit order, with gaps), {@code recordedAt}, the ledger's clock, and {@code principal}, the name of
 * the token whose request recorded it (absent on events recorded before the ledger required tokens). The event's
 * own {@code actor} is the person the request named; the principal is who the ledger authenticated.
 */
public record RecordedEvent(
        String migrationId,
        long sequence,
        long position,
        Instant recordedAt,
        String principal,
        LedgerEvent event) {
}
