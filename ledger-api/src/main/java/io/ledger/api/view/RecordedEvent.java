package io.ledger.api.view;

import io.ledger.api.event.LedgerEvent;

import java.time.Instant;

/**
 * An event as the ledger stored it: its per-migration {@code sequence} (from 0), its ledger-wide {@code position}
 * (increasing in commit order, with gaps) and {@code recordedAt}, the ledger's clock.
 */
public record RecordedEvent(
        String migrationId,
        long sequence,
        long position,
        Instant recordedAt,
        LedgerEvent event) {
}
