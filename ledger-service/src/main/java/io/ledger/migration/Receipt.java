package io.ledger.migration;

import io.ledger.api.Reason;
import io.ledger.api.event.LedgerEvent;

/**
 * What the ledger answered for one eventId, so that a retry gets the original answer and a different body under a
 * used eventId is told apart from a retry.
 */
record Receipt(LedgerEvent original, Outcome answer) {

    static final String EVENT_ID_CONFLICT = "event-id-conflict";

    Outcome answer(LedgerEvent retry) {
        if (!original.equals(retry)) {
            return new Outcome.Conflict(new Reason(EVENT_ID_CONFLICT,
                    "eventId " + retry.eventId() + " was already used for a different " + original.type() + " event"));
        }
        return answer instanceof Outcome.Recorded recorded ? new Outcome.Duplicate(recorded.sequence()) : answer;
    }
}
