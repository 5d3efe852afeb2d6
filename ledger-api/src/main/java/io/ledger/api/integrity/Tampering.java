package io.ledger.api.integrity;

import com.fasterxml.jackson.annotation.JsonValue;

/** What verification found at a broken link of the ledger's chains (docs/security.md). */
public enum Tampering {
    /** The event's payload is not the one that was sealed. */
    PAYLOAD_CHANGED("payload-changed"),
    /** The event's metadata is not the one that was sealed. */
    METADATA_CHANGED("metadata-changed"),
    /** Another stored column of the event (type, timestamp, event id, payload type, its hash) changed. */
    EVENT_CHANGED("event-changed"),
    /** A sealed event is missing from the event table. */
    EVENT_DELETED("event-deleted"),
    /** A sealed event is stored under another migration or sequence than it was sealed at. */
    EVENT_REORDERED("event-reordered"),
    /** An event that was never sealed where it should have been, or that does not chain to its migration. */
    FORGED_INSERT("forged-insert"),
    /** A sign-off whose evidence hash no longer matches the events before it. */
    SIGN_OFF_INVALIDATED("sign-off-invalidated"),
    /** An entry of the ledger-wide chain does not link to the one before it. */
    CHAIN_ALTERED("chain-altered"),
    /** A checkpoint's chain hash differs from the chain the ledger holds now. */
    CHECKPOINT_MISMATCH("checkpoint-mismatch"),
    /** A checkpoint's signature does not verify with a key the ledger trusts. */
    BAD_CHECKPOINT_SIGNATURE("bad-checkpoint-signature");

    private final String wireId;

    Tampering(String wireId) {
        this.wireId = wireId;
    }

    @JsonValue
    public String wireId() {
        return wireId;
    }
}
