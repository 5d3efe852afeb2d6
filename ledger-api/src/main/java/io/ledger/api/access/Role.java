package io.ledger.api.access;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a token may do; a token holds one or more. docs/security.md has the full matrix. */
public enum Role {
    /** Plans migrations and posts their events, within the token's scope. */
    RUNNER("runner"),
    /** Signs migrations off, within the token's scope, and acknowledges or resolves their alerts. */
    APPROVER("approver"),
    /** Reads everything and writes nothing; each read is itself recorded. */
    AUDITOR("auditor"),
    /** Manages tokens, replays projections, reads the configuration and the record of auditors' reads. */
    ADMIN("admin");

    private final String wireId;

    Role(String wireId) {
        this.wireId = wireId;
    }

    @JsonValue
    public String wireId() {
        return wireId;
    }

    /** Whether a token's scope limits what this role does: auditors and admins reach every migration. */
    public boolean isScoped() {
        return this == RUNNER || this == APPROVER;
    }
}
