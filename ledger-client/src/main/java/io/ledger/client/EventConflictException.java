package io.ledger.client;

import java.util.UUID;

/**
 * The eventId was already used, for an event with a different body or on another migration ({@code 409}, rule
 * {@code event-id-conflict}): an eventId names one event in the whole ledger. A retry never causes this, since every
 * attempt sends the same body to the same migration; a caller that reused an eventId does.
 */
public final class EventConflictException extends LedgerException {

    private final String migrationId;
    private final UUID eventId;

    EventConflictException(String migrationId, UUID eventId, String detail) {
        super("eventId " + eventId + " was already used for another event, posting to migration " + migrationId
                + (detail == null ? "" : ": " + detail));
        this.migrationId = migrationId;
        this.eventId = eventId;
    }

    public String migrationId() {
        return migrationId;
    }

    public UUID eventId() {
        return eventId;
    }
}
