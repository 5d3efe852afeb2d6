package io.ledger.client.internal;

import io.ledger.client.RetryPolicy;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** How long to wait before the next attempt; the arithmetic behind {@link RetryPolicy}. */
final class Backoff {

    private Backoff() {
    }

    /**
     * @param failedAttempts attempts made so far, at least 1
     * @param retryAfter     what the ledger asked for, or null
     */
    static Duration delay(RetryPolicy policy, int failedAttempts, Duration retryAfter) {
        double ceilingMillis = Math.min(policy.maxBackoff().toMillis(),
                policy.initialBackoff().toMillis() * Math.pow(policy.multiplier(), failedAttempts - 1));
        Duration wait = Duration.ofMillis(ThreadLocalRandom.current().nextLong((long) ceilingMillis + 1));
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        return wait.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : wait;
    }
}
