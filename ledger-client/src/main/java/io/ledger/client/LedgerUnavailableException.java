package io.ledger.client;

import io.ledger.api.event.LedgerEvent;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The ledger could not be reached or stayed overloaded through every attempt, or the waiting thread was interrupted.
 * Whether the request took effect is unknown: an attempt may have been committed before its answer was lost. Posting
 * the same {@link #event()} again, unchanged, is safe and tells: the ledger records an eventId once.
 */
public final class LedgerUnavailableException extends LedgerException {

    private final int attempts;
    private final Integer lastStatus;
    private final LedgerEvent event;

    LedgerUnavailableException(int attempts, Integer lastStatus, LedgerEvent event, Throwable cause) {
        super(message(attempts, lastStatus, cause), cause);
        this.attempts = attempts;
        this.lastStatus = lastStatus;
        this.event = event;
    }

    /** How many requests were sent, the first included. */
    public int attempts() {
        return attempts;
    }

    /** The last HTTP status received ({@code 429} or {@code 5xx}), empty when the last attempt got no answer. */
    public OptionalInt lastStatus() {
        return lastStatus == null ? OptionalInt.empty() : OptionalInt.of(lastStatus);
    }

    /** The event whose fate is unknown, for a request that posted one. */
    public Optional<LedgerEvent> event() {
        return Optional.ofNullable(event);
    }

    static String message(int attempts, Integer lastStatus, Throwable cause) {
        String last = cause instanceof InterruptedException ? "interrupted"
                : cause != null ? "last error " + cause
                : "last answer " + lastStatus;
        return "ledger unavailable after " + attempts + (attempts == 1 ? " attempt" : " attempts") + ", " + last;
    }
}
