package io.ledger.api.access;

import java.time.Instant;
import java.util.List;

/** A token just created. {@code token} is the secret, shown this once: the ledger keeps only its hash. */
public record IssuedToken(String name, String token, List<Role> roles, TokenScope scope, Instant createdAt,
        Instant expiresAt) {

    public IssuedToken {
        roles = List.copyOf(roles);
    }
}
