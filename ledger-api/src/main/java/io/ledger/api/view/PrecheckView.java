package io.ledger.api.view;

import io.ledger.api.PrecheckStatus;

import java.time.Instant;

/** The latest result of one pre-check; {@code status} is null for a required check not yet recorded. */
public record PrecheckView(
        String check,
        boolean required,
        PrecheckStatus status,
        String evidence,
        String actor,
        Instant recordedAt) {
}
