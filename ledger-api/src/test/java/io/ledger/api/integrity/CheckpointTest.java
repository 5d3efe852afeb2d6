package io.ledger.api.integrity;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointTest {

    @Test
    void signedTextIsOneLinePerSignedFieldAsDocumented() {
        Checkpoint checkpoint = new Checkpoint(1200, 1342, "9f2c".repeat(16), Instant.parse("2026-05-12T02:00:00.120Z"),
                "0123456789abcdef", "Ed25519", "-----BEGIN PUBLIC KEY-----...", "c2lnbmF0dXJl");

        assertThat(checkpoint.signedText()).isEqualTo("""
                migration-ledger checkpoint v1
                events: 1200
                position: 1342
                chain-hash: %s
                created-at: 2026-05-12T02:00:00.120Z
                key-id: 0123456789abcdef
                """.formatted("9f2c".repeat(16)));
    }

    @Test
    void neitherTheKeyNorTheSignatureIsSigned() {
        Checkpoint checkpoint = new Checkpoint(1, 7, "00".repeat(32), Instant.parse("2026-05-12T02:00:00Z"), "k",
                "Ed25519", "a key", "a signature");
        Checkpoint other = new Checkpoint(1, 7, "00".repeat(32), Instant.parse("2026-05-12T02:00:00Z"), "k", null,
                null, "another signature");

        assertThat(checkpoint.signedText()).isEqualTo(other.signedText());
    }
}
