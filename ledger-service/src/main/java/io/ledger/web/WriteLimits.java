package io.ledger.web;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How many write requests the service works on at once; docs/client.md ("What the service does under overload")
 * describes them.
 *
 * @param maxConcurrentWrites    writes ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} under
 *                               {@code /api}) in progress at once; the default leaves room in the connection pool
 *                               (20) for the projections
 * @param writeAdmissionTimeout  how long a write waits for its turn before it is refused with {@code 503}
 */
@ConfigurationProperties("ledger")
@Validated
record WriteLimits(
        @Positive @DefaultValue("16") int maxConcurrentWrites,
        @DefaultValue("200ms") Duration writeAdmissionTimeout) {
}
