package io.ledger.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.api.event.SignedOff;
import io.ledger.api.integrity.BrokenLink;
import io.ledger.api.integrity.Checkpoint;
import io.ledger.api.integrity.Tampering;

import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The checks of one link each, as docs/security.md lists them. Each names what it found at the event concerned, or
 * answers empty when the link holds.
 */
final class BrokenLinks {

    private static final String SIGNED_OFF = SignedOff.class.getName();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private BrokenLinks() {
    }

    /**
     * An entry of the ledger-wide chain and the event stored at its position.
     *
     * @param previousChainHash the chain hash of the entry before, null when that entry is missing
     * @param previousEventHash the sealed hash of the event before in the same migration, null when it is not sealed
     * @param event             the row at the entry's position, null when there is none
     */
    static Optional<BrokenLink> ofSealed(ChainEntry entry, byte[] previousChainHash, byte[] previousEventHash,
            StoredEvent event) {
        String at = "event " + entry.sequence() + " of " + entry.migrationId();
        byte[] chainedTo = entry.chainSeq() == 1 ? CanonicalBytes.noPrevious() : previousChainHash;
        if (chainedTo == null) {
            // Which event the missing entry sealed is gone with it: this entry's migration is not the one concerned.
            return Optional.of(new BrokenLink(Tampering.CHAIN_ALTERED, null, null, entry.position(), null, "entry "
                    + (entry.chainSeq() - 1) + " of the ledger-wide chain is missing, before the entry that seals "
                    + at + ": it was deleted, with or without the event it sealed"));
        }
        if (!Arrays.equals(entry.hash(chainedTo), entry.chainHash())) {
            return broken(Tampering.CHAIN_ALTERED, entry, "entry " + entry.chainSeq()
                    + " of the ledger-wide chain, which seals " + at + ", does not link to the entry before it");
        }
        if (event == null) {
            return broken(Tampering.EVENT_DELETED, entry, at + " was sealed at position " + entry.position()
                    + " and is no longer stored");
        }
        if (!event.migrationId().equals(entry.migrationId()) || event.sequence() != entry.sequence()) {
            return broken(Tampering.EVENT_REORDERED, entry, "the event sealed as " + at + " is now stored as event "
                    + event.sequence() + " of " + event.migrationId());
        }
        byte[] previous = entry.sequence() == 0 ? CanonicalBytes.noPrevious() : previousEventHash;
        if (previous == null) {
            // Its predecessor was never sealed, which the check of that predecessor reports.
            return Optional.empty();
        }
        Optional<BrokenLink> signOff = ofSignOff(event, previous);
        if (signOff.isPresent()) {
            return signOff;
        }
        if (!Arrays.equals(event.hash(previous), entry.eventHash())) {
            if (!Arrays.equals(CanonicalBytes.sha256(event.payload()), entry.payloadHash())) {
                return broken(Tampering.PAYLOAD_CHANGED, entry, "the payload of " + at + " is not the one sealed");
            }
            if (!Arrays.equals(CanonicalBytes.sha256(event.metadata()), entry.metadataHash())) {
                return broken(Tampering.METADATA_CHANGED, entry, "the metadata of " + at + " is not the one sealed");
            }
            return broken(Tampering.EVENT_CHANGED, entry, "the event id, type, payload type, revision or timestamp of "
                    + at + " is not the one sealed");
        }
        if (!Arrays.equals(event.eventHash(), entry.eventHash())) {
            return broken(Tampering.EVENT_CHANGED, entry, "the stored hash of " + at + " is not the one sealed");
        }
        return Optional.empty();
    }

    /**
     * An event the sealer has not sealed.
     *
     * @param sealerPassed      whether the sealer has gone past its position, so that it should have been sealed
     * @param previousEventHash the stored hash of the event before in the same migration, null when there is none
     */
    static Optional<BrokenLink> ofUnsealed(StoredEvent event, boolean sealerPassed, byte[] previousEventHash) {
        String at = "event " + event.sequence() + " of " + event.migrationId();
        if (sealerPassed) {
            return broken(Tampering.FORGED_INSERT, event, at + " at position " + event.position()
                    + " was never sealed although the sealer passed that position: it was not written by the ledger");
        }
        byte[] previous = event.sequence() == 0 ? CanonicalBytes.noPrevious() : previousEventHash;
        if (previous == null) {
            return broken(Tampering.FORGED_INSERT, event, at + " has no event " + (event.sequence() - 1)
                    + " to chain to");
        }
        if (!Arrays.equals(event.hash(previous), event.eventHash())) {
            return broken(Tampering.FORGED_INSERT, event, at + " does not chain to the event before it");
        }
        return ofSignOff(event, previous);
    }

    /**
     * A checkpoint, signed by a trusted key, whose chain hash the entry it ends at must still have.
     *
     * @param last the entry of the ledger-wide chain at {@code checkpoint.events()}, null when the chain is shorter
     */
    static Optional<BrokenLink> ofCheckpoint(Checkpoint checkpoint, CheckpointKeys keys, ChainEntry last) {
        String which = "the checkpoint of " + checkpoint.events() + " events made " + checkpoint.createdAt();
        if (!keys.trusts(checkpoint.keyId())) {
            return broken(Tampering.BAD_CHECKPOINT_SIGNATURE, checkpoint, null, which + " is signed with key "
                    + checkpoint.keyId() + ", which this ledger does not trust");
        }
        if (!keys.verifies(checkpoint.keyId(), checkpoint.signedText(), signature(checkpoint))) {
            return broken(Tampering.BAD_CHECKPOINT_SIGNATURE, checkpoint, null, "the signature of " + which
                    + " does not verify with key " + checkpoint.keyId());
        }
        if (last == null) {
            return broken(Tampering.CHECKPOINT_MISMATCH, checkpoint, null, which
                    + " covers more events than the ledger-wide chain now holds");
        }
        if (!HEX.formatHex(last.chainHash()).equals(checkpoint.chainHash()) || last.position() != checkpoint.position()) {
            return broken(Tampering.CHECKPOINT_MISMATCH, checkpoint, last, "the ledger-wide chain no longer hashes "
                    + "to " + which + ": an event it covers was altered and the chain rewritten");
        }
        return Optional.empty();
    }

    /** A sign-off must bind the hash of the event right before it. Those recorded before tamper evidence bind none. */
    private static Optional<BrokenLink> ofSignOff(StoredEvent event, byte[] previous) {
        if (!SIGNED_OFF.equals(event.payloadType())) {
            return Optional.empty();
        }
        JsonNode bound;
        try {
            bound = JSON.readTree(event.payload()).path("evidenceHash");
        } catch (IOException unreadable) {
            // not JSON any more: its hash no longer matches, which the content check reports
            return Optional.empty();
        }
        if (bound.isMissingNode() || bound.isNull()) {
            return Optional.empty();
        }
        if (bound.path("sequence").asLong(-1) != event.sequence() - 1
                || !HEX.formatHex(previous).equals(bound.path("hash").asText())) {
            return broken(Tampering.SIGN_OFF_INVALIDATED, event, "the sign-off at event " + event.sequence() + " of "
                    + event.migrationId() + " binds " + bound + ", not the hash of event " + (event.sequence() - 1));
        }
        return Optional.empty();
    }

    private static byte[] signature(Checkpoint checkpoint) {
        try {
            return Base64.getDecoder().decode(checkpoint.signature());
        } catch (IllegalArgumentException notBase64) {
            return new byte[0];
        }
    }

    private static Optional<BrokenLink> broken(Tampering kind, ChainEntry entry, String message) {
        return Optional.of(new BrokenLink(kind, entry.migrationId(), entry.sequence(), entry.position(),
                entry.eventId(), message));
    }

    private static Optional<BrokenLink> broken(Tampering kind, StoredEvent event, String message) {
        return Optional.of(new BrokenLink(kind, event.migrationId(), event.sequence(), event.position(),
                event.eventId(), message));
    }

    /** @param last the event the checkpoint ends at, when the finding concerns it; null for the checkpoint alone */
    private static Optional<BrokenLink> broken(Tampering kind, Checkpoint checkpoint, ChainEntry last, String message) {
        return Optional.of(new BrokenLink(kind, last == null ? null : last.migrationId(),
                last == null ? null : last.sequence(), checkpoint.position(), last == null ? null : last.eventId(),
                message));
    }
}
