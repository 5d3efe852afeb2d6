package io.ledger.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How many write requests the service works on at once; docs/client.md ("What the service does under overload")
 * describes them.
 *
 * @param maxConcurrentWrites    writes ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} under
 *                               {@code /api}) in progress at once; a waiting write holds a request thread but no
 *                               connection, as the committers append writes in batches
 * @param writeAdmissionTimeout  how long a write waits for its turn before it is refused with {@code 503}
 */
@ConfigurationProperties("ledger")
@Validated
record WriteLimits(
        @Positive @DefaultValue("64") int maxConcurrentWrites,
        @NotNull @DurationMin(millis = 0) @DefaultValue("200ms") Duration writeAdmissionTimeout) {
}
