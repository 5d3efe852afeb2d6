package io.ledger.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.ledger.api.EvidenceHash;
import io.ledger.api.Runner;

import java.time.Instant;
import java.util.UUID;

/**
 * A person signs the migration off in a role such as {@code author}, {@code dba} or {@code oncall}. The ledger
 * records with it the {@code evidenceHash} of the migration's events before it, so that a later change to any of
 * them invalidates the sign-off; a sender never supplies it. Sign-offs recorded before tamper evidence have none.
 */
@JsonTypeName("signed-off")
public record SignedOff(
        @JsonProperty(required = true) UUID eventId,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String actor,
        Runner runner,
        @JsonProperty(required = true) String role,
        @JsonProperty(required = true) String signer,
        String comment,
        EvidenceHash evidenceHash) implements Gate {

    /** A sign-off as a sender posts it, without the evidence hash the ledger adds. */
    public SignedOff(UUID eventId, Instant occurredAt, String actor, Runner runner, String role, String signer,
            String comment) {
        this(eventId, occurredAt, actor, runner, role, signer, comment, null);
    }

    public SignedOff withEvidenceHash(EvidenceHash evidenceHash) {
        return new SignedOff(eventId, occurredAt, actor, runner, role, signer, comment, evidenceHash);
    }
}
