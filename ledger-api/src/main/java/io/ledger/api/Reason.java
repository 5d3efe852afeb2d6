package io.ledger.api;

/** One rule that a request broke, machine-readable by {@code rule} and readable by a person through {@code message}. */
public record Reason(String rule, String message) {
}
