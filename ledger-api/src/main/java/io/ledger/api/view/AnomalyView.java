package io.ledger.api.view;

import java.util.UUID;

/** A fact that broke the lifecycle: which rule, and which event caused it. */
public record AnomalyView(String anomaly, String message, UUID causeEventId, long sequence) {
}
