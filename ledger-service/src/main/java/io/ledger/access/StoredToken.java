package io.ledger.access;

import io.ledger.api.access.Role;
import io.ledger.api.access.TokenScope;
import io.ledger.api.access.TokenView;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** A token as the ledger keeps it: everything but its secret, of which only the hash is stored. */
record StoredToken(String name, Set<Role> roles, TokenScope scope, Instant createdAt, String createdBy,
        Instant expiresAt, Instant revokedAt, String revokedBy) {

    StoredToken {
        roles = Set.copyOf(roles);
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    boolean revoked() {
        return revokedAt != null;
    }

    Caller caller() {
        return new Caller(name, roles, scope);
    }

    TokenView view() {
        return new TokenView(name, sorted(roles), scope, createdAt, createdBy, expiresAt, revokedAt, revokedBy);
    }

    static List<Role> sorted(Set<Role> roles) {
        return roles.stream().sorted(Comparator.naturalOrder()).toList();
    }
}
