package io.ledger.migration;

import io.ledger.api.event.Aborted;
import io.ledger.web.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClockSkewTest {

    private static final Instant NOW = Instant.parse("2026-05-12T02:00:00Z");

    @Test
    void anEventTooFarAheadIsToldTheAllowanceAsConfigured() {
        Aborted ahead = new Aborted(UUID.randomUUID(), NOW.plusSeconds(90), "ci", null, "stop");

        assertThatThrownBy(() -> RequestValidation.requireValid(ahead, NOW, Duration.ofSeconds(30)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("is more than 30 seconds in the future");
        assertThatThrownBy(() -> RequestValidation.requireValid(ahead, NOW, Duration.ofMinutes(1)))
                .hasMessageContaining("is more than 1 minute in the future");
    }
}
