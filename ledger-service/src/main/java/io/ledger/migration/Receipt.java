package io.ledger.migration;

import io.ledger.api.Reason;
import io.ledger.api.event.GateRefused;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.SignedOff;

/**
 * What the ledger answered for one eventId, read from the event it recorded at {@code sequence}: the event itself,
 * or the refusal of a gate. A retry gets the original answer; a different body under a used eventId is told apart
 * from a retry.
 */
record Receipt(LedgerEvent recorded, long sequence) {

    static final String EVENT_ID_CONFLICT = "event-id-conflict";

    Outcome answer(LedgerEvent retry) {
        LedgerEvent original = recorded instanceof GateRefused refused ? refused.request() : recorded;
        if (!asSent(original).equals(asSent(retry))) {
            return new Outcome.Conflict(new Reason(EVENT_ID_CONFLICT,
                    "eventId " + retry.eventId() + " was already used for a different " + original.type() + " event"));
        }
        return recorded instanceof GateRefused refused ? new Outcome.Refused(sequence, refused.reasons())
                : new Outcome.Duplicate(sequence);
    }

    /** The evidence hash of a sign-off is the ledger's, added after it was sent; a retry comes without it. */
    private static LedgerEvent asSent(LedgerEvent event) {
        return event instanceof SignedOff signedOff ? signedOff.withEvidenceHash(null) : event;
    }
}
