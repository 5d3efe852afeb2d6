package io.ledger.migration;

import io.ledger.api.Reason;

import java.util.List;

/** What the ledger did with a request; the controller maps each to its HTTP status. */
sealed interface Outcome {

    /** Newly appended at {@code sequence}. */
    record Recorded(long sequence) implements Outcome {
    }

    /** Already in the ledger at {@code sequence}; nothing was appended. */
    record Duplicate(long sequence) implements Outcome {
    }

    /** A gate refused; the refusal itself is recorded at {@code sequence}. */
    record Refused(long sequence, List<Reason> reasons) implements Outcome {
    }

    /** The request contradicts what the ledger already holds under the same id; nothing was appended. */
    record Conflict(Reason reason) implements Outcome {
    }

    /**
     * A sign-off that would have passed, but whose head is no longer the migration's last event at
     * {@code lastSequence}: another event came first. Nothing was appended; read the head again and resend.
     */
    record Stale(long lastSequence) implements Outcome {
    }
}
