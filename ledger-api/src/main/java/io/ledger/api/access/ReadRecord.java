package io.ledger.api.access;

import java.time.Instant;

/** One read by an auditor's token: who asked for what, when, and what they were answered. */
public record ReadRecord(long id, Instant at, String token, String method, String path, String query, int status) {
}
