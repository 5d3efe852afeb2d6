package io.ledger.client;

import java.time.Duration;

/**
 * How often and how patiently the client retries a request that the ledger may not have seen or could not take:
 * a connection error, {@code 429} or {@code 5xx}. Attempt {@code n} waits a random time between zero and
 * {@code min(maxBackoff, initialBackoff × multiplier^(n-1))} ("full jitter", so that runners thrown off together do
 * not come back together); a {@code Retry-After} from the ledger is waited at least, up to {@code maxBackoff}.
 *
 * @param maxAttempts    attempts in all, the first included; 1 means no retry
 * @param initialBackoff the ceiling of the first wait
 * @param maxBackoff     the ceiling of every wait, {@code Retry-After} included
 * @param multiplier     how much the ceiling grows per attempt
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Require.notNegative(initialBackoff, "initialBackoff");
        Require.notNegative(maxBackoff, "maxBackoff");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff must not be shorter than initialBackoff, was " + maxBackoff + " < " + initialBackoff);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number of at least 1, was " + multiplier);
        }
    }

    /** Six attempts over about ten seconds at worst: enough to ride out a ledger restart or a short overload. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(5), 2.0);
    }

    /** One attempt: the first connection error, {@code 429} or {@code 5xx} surfaces as unavailable. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0);
    }
}
