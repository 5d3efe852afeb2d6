package io.ledger.api.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code POST /api/v1/admin/tokens}: a new token. {@code scope} is required for runner and approver tokens;
 * without {@code expiresAt} the token lives until it is revoked.
 */
public record TokenRequest(String name, List<Role> roles, TokenScope scope, Instant expiresAt) {

    public TokenRequest {
        // Copied, nulls kept, so that validation can name them.
        roles = roles == null ? null : Collections.unmodifiableList(new ArrayList<>(roles));
    }
}
