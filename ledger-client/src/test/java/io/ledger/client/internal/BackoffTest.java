package io.ledger.client.internal;

import io.ledger.client.RetryPolicy;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private static final RetryPolicy POLICY =
            new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0);

    @RepeatedTest(50)
    void waitIsAJitteredFractionOfAnExponentialCeiling() {
        assertThat(Backoff.delay(POLICY, 1, null)).isBetween(Duration.ZERO, Duration.ofMillis(100));
        assertThat(Backoff.delay(POLICY, 3, null)).isBetween(Duration.ZERO, Duration.ofMillis(400));
    }

    @RepeatedTest(50)
    void waitNeverExceedsMaxBackoff() {
        assertThat(Backoff.delay(POLICY, 60, null)).isBetween(Duration.ZERO, Duration.ofSeconds(1));
        assertThat(Backoff.delay(POLICY, 2000, null)).isBetween(Duration.ZERO, Duration.ofSeconds(1));
    }

    @RepeatedTest(50)
    void retryAfterIsWaitedAtLeast() {
        assertThat(Backoff.delay(POLICY, 1, Duration.ofMillis(700)))
                .isBetween(Duration.ofMillis(700), Duration.ofSeconds(1));
    }

    @Test
    void retryAfterIsCappedByMaxBackoff() {
        assertThat(Backoff.delay(POLICY, 1, Duration.ofSeconds(Long.MAX_VALUE / 2))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void segmentsAreEncodedExceptUnreservedCharacters() {
        assertThat(Transport.encode("orders-status_v4.2~x@staging 1/ü;+%"))
                .isEqualTo("orders-status_v4.2~x%40staging%201%2F%C3%BC%3B%2B%25");
    }
}
