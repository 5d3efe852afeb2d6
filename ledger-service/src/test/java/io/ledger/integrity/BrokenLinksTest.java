package io.ledger.integrity;

import io.ledger.api.integrity.BrokenLink;
import io.ledger.api.integrity.Checkpoint;
import io.ledger.api.integrity.Tampering;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each kind of broken link, found in rows as the verifier reads them, and the intact rows that hold. */
class BrokenLinksTest {

    private static final String SIGNED_OFF = "io.ledger.api.event.SignedOff";

    private final StoredEvent planned = chained(100, 0, "io.ledger.api.event.Planned",
            "{\"eventId\":\"e0\",\"plan\":{}}", "{}", CanonicalBytes.noPrevious());
    private final StoredEvent signOff = chained(104, 1, SIGNED_OFF, "{\"eventId\":\"e1\",\"evidenceHash\":"
            + "{\"sequence\":0,\"hash\":\"" + hex(planned.eventHash()) + "\"}}", "{}", planned.eventHash());
    private final ChainEntry plannedEntry = ChainEntry.seal(1, planned, CanonicalBytes.noPrevious());
    private final ChainEntry signOffEntry = ChainEntry.seal(2, signOff, plannedEntry.chainHash());

    @Nested
    class SealedEvents {

        @Test
        void anIntactEventAndEntryHold() {
            assertThat(BrokenLinks.ofSealed(plannedEntry, null, null, planned)).isEmpty();
            assertThat(check(signOff)).isEmpty();
        }

        @Test
        void aChangedPayloadIsNamed() {
            assertThat(planned(with(planned, "{\"eventId\":\"e0\",\"plan\":{\"owner\":\"mallory\"}}", "{}")))
                    .hasValueSatisfying(link -> assertThat(link).isEqualTo(new BrokenLink(Tampering.PAYLOAD_CHANGED,
                            "m", 0L, 100L, "e0", "the payload of event 0 of m is not the one sealed")));
        }

        @Test
        void changedMetadataIsNamed() {
            assertThat(planned(with(planned, "{\"eventId\":\"e0\",\"plan\":{}}", "{\"principal\":\"mallory\"}")))
                    .map(BrokenLink::kind).contains(Tampering.METADATA_CHANGED);
        }

        @Test
        void anotherChangedColumnIsNamed() {
            StoredEvent later = new StoredEvent(100, "m", 0, "axon-0", "Migration", planned.payloadType(), null,
                    "2026-05-13T02:00:00Z", planned.payload(), planned.metadata(), planned.eventHash());

            assertThat(planned(later)).map(BrokenLink::kind).contains(Tampering.EVENT_CHANGED);
        }

        @Test
        void aStoredHashRewrittenToMatchChangedContentIsStillAChangedPayload() {
            StoredEvent changed = with(planned, "{\"eventId\":\"e0\",\"plan\":{\"owner\":\"mallory\"}}", "{}");
            StoredEvent rehashed = new StoredEvent(100, "m", 0, "axon-0", "Migration", changed.payloadType(), null,
                    changed.timestamp(), changed.payload(), changed.metadata(),
                    changed.hash(CanonicalBytes.noPrevious()));

            assertThat(planned(rehashed)).map(BrokenLink::kind).contains(Tampering.PAYLOAD_CHANGED);
        }

        @Test
        void aDeletedEventIsNamedFromItsSealedEntry() {
            assertThat(BrokenLinks.ofSealed(signOffEntry, plannedEntry.chainHash(), plannedEntry.eventHash(), null))
                    .hasValueSatisfying(link -> {
                        assertThat(link.kind()).isEqualTo(Tampering.EVENT_DELETED);
                        assertThat(link.sequence()).isEqualTo(1);
                        assertThat(link.eventId()).isEqualTo("e1");
                        assertThat(link.position()).isEqualTo(104);
                    });
        }

        @Test
        void anEventStoredAtAnotherSequenceIsReordered() {
            StoredEvent moved = new StoredEvent(104, "m", 0, "axon-1", "Migration", SIGNED_OFF, null, signOff.timestamp(),
                    signOff.payload(), signOff.metadata(), signOff.eventHash());

            assertThat(check(moved)).hasValueSatisfying(link -> {
                assertThat(link.kind()).isEqualTo(Tampering.EVENT_REORDERED);
                assertThat(link.message()).isEqualTo("the event sealed as event 1 of m is now stored as event 0 of m");
            });
        }

        @Test
        void anEntryWhosePredecessorIsMissingOrThatWasEditedBreaksTheChain() {
            ChainEntry edited = new ChainEntry(2, 104, "m", 1, "e1", signOffEntry.payloadHash(),
                    signOffEntry.metadataHash(), planned.eventHash(), signOffEntry.chainHash());

            assertThat(BrokenLinks.ofSealed(signOffEntry, null, plannedEntry.eventHash(), signOff))
                    .hasValueSatisfying(link -> {
                        assertThat(link.kind()).isEqualTo(Tampering.CHAIN_ALTERED);
                        assertThat(link.position()).isEqualTo(signOffEntry.position());
                        assertThat(link.migrationId()).as("the missing entry's migration is unknown").isNull();
                        assertThat(link.sequence()).isNull();
                    });
            assertThat(BrokenLinks.ofSealed(edited, plannedEntry.chainHash(), plannedEntry.eventHash(), signOff))
                    .map(BrokenLink::kind).contains(Tampering.CHAIN_ALTERED);
        }

        @Test
        void aSignOffWhoseEvidenceHashWasAlteredIsInvalidated() {
            StoredEvent altered = with(signOff, "{\"eventId\":\"e1\",\"evidenceHash\":{\"sequence\":0,\"hash\":\""
                    + "00".repeat(32) + "\"}}", "{}");

            assertThat(check(altered)).map(BrokenLink::kind).contains(Tampering.SIGN_OFF_INVALIDATED);
        }

        @Test
        void aSignOffRecordedBeforeTamperEvidenceBindsNothing() {
            StoredEvent unbound = chained(104, 1, SIGNED_OFF, "{\"eventId\":\"e1\"}", "{}", planned.eventHash());

            assertThat(BrokenLinks.ofSealed(ChainEntry.seal(2, unbound, plannedEntry.chainHash()),
                    plannedEntry.chainHash(), planned.eventHash(), unbound)).isEmpty();
        }

        private Optional<BrokenLink> check(StoredEvent storedAt104) {
            return BrokenLinks.ofSealed(signOffEntry, plannedEntry.chainHash(), plannedEntry.eventHash(), storedAt104);
        }

        private Optional<BrokenLink> planned(StoredEvent storedAt100) {
            return BrokenLinks.ofSealed(plannedEntry, null, null, storedAt100);
        }
    }

    @Nested
    class UnsealedEvents {

        @Test
        void aRecentEventThatChainsIsWaitingForTheSealer() {
            assertThat(BrokenLinks.ofUnsealed(signOff, false, planned.eventHash())).isEmpty();
        }

        @Test
        void anEventTheSealerPassedWithoutSealingIsForged() {
            assertThat(BrokenLinks.ofUnsealed(signOff, true, planned.eventHash()))
                    .map(BrokenLink::kind).contains(Tampering.FORGED_INSERT);
        }

        @Test
        void anEventThatDoesNotChainIsForged() {
            StoredEvent forged = new StoredEvent(105, "m", 2, "axon-2", "Migration", "io.ledger.api.event.Completed", null,
                    "ts", "{\"eventId\":\"e2\"}".getBytes(StandardCharsets.UTF_8), null, new byte[32]);

            assertThat(BrokenLinks.ofUnsealed(forged, false, signOff.eventHash()))
                    .map(BrokenLink::message).contains("event 2 of m does not chain to the event before it");
            assertThat(BrokenLinks.ofUnsealed(forged, false, null))
                    .map(BrokenLink::message).contains("event 2 of m has no event 1 to chain to");
        }
    }

    @Nested
    class Checkpoints {

        @TempDir
        Path dataDirectory;

        @Test
        void aCheckpointSignedByTheLedgerOfTheChainItHoldsHolds() {
            CheckpointKeys keys = keys();

            assertThat(BrokenLinks.ofCheckpoint(signed(keys, signOffEntry), keys, signOffEntry)).isEmpty();
        }

        @Test
        void aSignatureThatDoesNotVerifyOrAKeyNotTrustedIsABadSignature() {
            CheckpointKeys keys = keys();
            Checkpoint checkpoint = signed(keys, signOffEntry);
            Checkpoint otherText = new Checkpoint(2, 104, checkpoint.chainHash(), checkpoint.createdAt().plusMillis(1),
                    keys.keyId(), null, null, checkpoint.signature());
            Checkpoint otherKey = new Checkpoint(2, 104, checkpoint.chainHash(), checkpoint.createdAt(),
                    "0000000000000000", null, null, checkpoint.signature());

            assertThat(BrokenLinks.ofCheckpoint(otherText, keys, signOffEntry)).map(BrokenLink::kind)
                    .contains(Tampering.BAD_CHECKPOINT_SIGNATURE);
            assertThat(BrokenLinks.ofCheckpoint(otherKey, keys, signOffEntry)).map(BrokenLink::kind)
                    .contains(Tampering.BAD_CHECKPOINT_SIGNATURE);
        }

        @Test
        void aChainThatNoLongerHashesToTheCheckpointOrIsShorterMismatches() {
            CheckpointKeys keys = keys();
            Checkpoint checkpoint = signed(keys, signOffEntry);
            ChainEntry rewritten = ChainEntry.seal(2, signOff, CanonicalBytes.noPrevious());

            assertThat(BrokenLinks.ofCheckpoint(checkpoint, keys, rewritten)).hasValueSatisfying(link -> {
                assertThat(link.kind()).isEqualTo(Tampering.CHECKPOINT_MISMATCH);
                assertThat(link.position()).isEqualTo(104);
                assertThat(link.eventId()).isEqualTo("e1");
            });
            assertThat(BrokenLinks.ofCheckpoint(checkpoint, keys, null)).map(BrokenLink::kind)
                    .contains(Tampering.CHECKPOINT_MISMATCH);
        }

        private CheckpointKeys keys() {
            return CheckpointKeys.load(new CheckpointSettings(null, List.of(), Duration.ofMinutes(1), 1000),
                    dataDirectory);
        }

        private Checkpoint signed(CheckpointKeys keys, ChainEntry last) {
            Checkpoint unsigned = new Checkpoint(last.chainSeq(), last.position(), hex(last.chainHash()),
                    Instant.parse("2026-05-12T02:00:00.120Z"), keys.keyId(), null, null, null);
            return new Checkpoint(unsigned.events(), unsigned.position(), unsigned.chainHash(), unsigned.createdAt(),
                    unsigned.keyId(), "Ed25519", null,
                    Base64.getEncoder().encodeToString(keys.sign(unsigned.signedText())));
        }
    }

    private static StoredEvent chained(long position, long sequence, String payloadType, String payload,
            String metadata, byte[] previous) {
        StoredEvent unhashed = new StoredEvent(position, "m", sequence, "axon-" + sequence, "Migration", payloadType, null,
                "2026-05-12T02:00:0" + sequence + "Z", payload.getBytes(StandardCharsets.UTF_8),
                metadata.getBytes(StandardCharsets.UTF_8), null);
        return new StoredEvent(position, "m", sequence, unhashed.messageId(), unhashed.type(), payloadType, null,
                unhashed.timestamp(), unhashed.payload(), unhashed.metadata(), unhashed.hash(previous));
    }

    /** The row with other payload and metadata bytes, its stored hash left as it was. */
    private static StoredEvent with(StoredEvent event, String payload, String metadata) {
        return new StoredEvent(event.position(), event.migrationId(), event.sequence(), event.messageId(), event.type(),
                event.payloadType(), event.payloadRevision(), event.timestamp(),
                payload.getBytes(StandardCharsets.UTF_8), metadata.getBytes(StandardCharsets.UTF_8), event.eventHash());
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
