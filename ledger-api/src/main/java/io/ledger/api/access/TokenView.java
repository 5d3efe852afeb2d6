package io.ledger.api.access;

import java.time.Instant;
import java.util.List;

/** A token as {@code GET /api/v1/admin/tokens} lists it: everything but the secret, which the ledger never had. */
public record TokenView(String name, List<Role> roles, TokenScope scope, Instant createdAt, String createdBy,
        Instant expiresAt, Instant revokedAt, String revokedBy) {

    public TokenView {
        roles = List.copyOf(roles);
    }
}
