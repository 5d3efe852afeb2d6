package io.ledger.migration;

import io.ledger.api.Reason;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.SignedOff;

/**
 * What the ledger answered for one eventId, so that a retry gets the original answer and a different body under a
 * used eventId is told apart from a retry.
 */
record Receipt(LedgerEvent original, Outcome answer) {

    static final String EVENT_ID_CONFLICT = "event-id-conflict";

    /** The receipt of {@code recorded}, compared with retries as its sender posted it. */
    static Receipt of(LedgerEvent recorded, Outcome answer) {
        return new Receipt(asSent(recorded), answer);
    }

    Outcome answer(LedgerEvent retry) {
        if (!original.equals(asSent(retry))) {
            return new Outcome.Conflict(new Reason(EVENT_ID_CONFLICT,
                    "eventId " + retry.eventId() + " was already used for a different " + original.type() + " event"));
        }
        return answer instanceof Outcome.Recorded recorded ? new Outcome.Duplicate(recorded.sequence()) : answer;
    }

    /** The evidence hash of a sign-off is the ledger's, added after it was sent; a retry comes without it. */
    private static LedgerEvent asSent(LedgerEvent event) {
        return event instanceof SignedOff signedOff ? signedOff.withEvidenceHash(null) : event;
    }
}
