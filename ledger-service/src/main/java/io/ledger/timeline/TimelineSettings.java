package io.ledger.timeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The {@code ledger.timeline.*} settings; docs/timeline.md describes them.
 *
 * @param gapThreshold  a pause between two events of a migration longer than this is marked as a gap
 * @param maxWindow     the widest {@code from}–{@code to} window the database timeline answers
 * @param defaultLimit  the database timeline's page size when a request names none
 */
@ConfigurationProperties("ledger.timeline")
@Validated
record TimelineSettings(
        @NotNull @DurationMin(millis = 1) @DefaultValue("5m") Duration gapThreshold,
        @NotNull @DurationMin(millis = 1) @DefaultValue("31d") Duration maxWindow,
        @Min(1) @Max(DatabaseTimelineQuery.MAX_LIMIT) @DefaultValue("1000") int defaultLimit) {
}
