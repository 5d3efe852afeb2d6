package io.ledger.client.internal;

/**
 * Every attempt ended in a connection error, {@code 429} or {@code 5xx}, or the thread was interrupted while waiting.
 * Checked, so that the public client must translate it.
 */
public final class RetriesExhausted extends Exception {

    private final int attempts;
    private final Integer lastStatus;

    RetriesExhausted(int attempts, Integer lastStatus, Throwable cause) {
        super(cause);
        this.attempts = attempts;
        this.lastStatus = lastStatus;
    }

    public int attempts() {
        return attempts;
    }

    /** The last status received, or null when the last attempt got no answer. */
    public Integer lastStatus() {
        return lastStatus;
    }
}
