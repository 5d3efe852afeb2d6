package io.ledger.client;

import io.ledger.api.event.LedgerEvent;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The ledger did not acknowledge the request, but it is safe on disk: it was appended to the client's spool and forced
 * to storage before this was thrown, and will be delivered in order, with the same eventId, by a later call, the
 * background flusher, {@link LedgerClient#flush()} or {@code ledger flush}. It is <em>not acknowledged</em>: the
 * ledger may not have recorded it (or recorded it and its answer was lost, which delivery then finds, recording
 * nothing twice), and nothing the ledger would decide about it (a gate, an anomaly) is known. A runner that may carry
 * on without the ledger's answer catches this; one that must not, treats it as the failure it is.
 */
public final class SpooledException extends LedgerException {

    private final String migrationId;
    private final LedgerEvent event;
    private final Path spool;

    SpooledException(String migrationId, LedgerEvent event, Path spool, Throwable cause) {
        super((event == null ? "the plan" : "event " + event.eventId()) + " of " + migrationId
                + " was spooled in " + spool + ", not acknowledged by the ledger", cause);
        this.migrationId = migrationId;
        this.event = event;
        this.spool = spool;
    }

    public String migrationId() {
        return migrationId;
    }

    /** The spooled event, with the eventId it will be delivered with; empty when a plan was spooled. */
    public Optional<LedgerEvent> event() {
        return Optional.ofNullable(event);
    }

    /** The spool directory that holds it. */
    public Path spool() {
        return spool;
    }
}
