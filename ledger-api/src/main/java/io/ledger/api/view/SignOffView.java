package io.ledger.api.view;

import java.time.Instant;

public record SignOffView(String role, String signer, String comment, Instant signedAt) {
}
