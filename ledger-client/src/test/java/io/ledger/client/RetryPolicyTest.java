package io.ledger.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryPolicyTest {

    @Test
    void defaultsRetryAFewTimesWithinSeconds() {
        RetryPolicy defaults = RetryPolicy.defaults();

        assertThat(defaults.maxAttempts()).isEqualTo(6);
        assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void noneMakesOneAttempt() {
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    }

    @Test
    void atLeastOneAttemptIsMade() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 1))
                .withMessageContaining("maxAttempts");
    }

    @Test
    void backoffsMustNotBeNegativeAndTheCeilingNotBelowTheStart() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(3, Duration.ofMillis(-1), Duration.ZERO, 2))
                .withMessageContaining("initialBackoff");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), 2))
                .withMessageContaining("maxBackoff");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(3, null, Duration.ofSeconds(1), 2))
                .withMessageContaining("initialBackoff");
    }

    @Test
    void multiplierMustNotShrinkTheBackoff() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 0.5))
                .withMessageContaining("multiplier");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, Double.NaN))
                .withMessageContaining("multiplier");
    }
}
