package io.ledger.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One small reversible step of a migration. A phase either carries its {@code rollback} or declares itself
 * {@code forwardOnly}.
 */
public record Phase(
        @JsonProperty(required = true) String name,
        String action,
        String verify,
        String rollback,
        boolean forwardOnly,
        Long estimatedSeconds) {
}
