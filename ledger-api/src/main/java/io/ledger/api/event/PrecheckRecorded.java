package io.ledger.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.ledger.api.PrecheckStatus;
import io.ledger.api.Runner;

import java.time.Instant;
import java.util.UUID;

/** One pre-check result, such as {@code backup-taken} passed with a link to the backup as evidence. */
@JsonTypeName("precheck-recorded")
public record PrecheckRecorded(
        @JsonProperty(required = true) UUID eventId,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String actor,
        Runner runner,
        @JsonProperty(required = true) String check,
        @JsonProperty(required = true) PrecheckStatus status,
        String evidence) implements Fact {
}
