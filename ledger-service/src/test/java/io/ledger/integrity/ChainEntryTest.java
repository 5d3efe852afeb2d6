package io.ledger.integrity;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import static org.assertj.core.api.Assertions.assertThat;

class ChainEntryTest {

    private final StoredEvent event = new StoredEvent(42, "orders-status-v42@staging", 3, "axon-message-id",
            "Migration", "io.ledger.api.event.PhaseApplied", null, "2026-05-12T02:04:51Z",
            "{\"eventId\":\"5b0e6a52\",\"phase\":\"backfill\"}".getBytes(StandardCharsets.UTF_8), null, new byte[32]);

    @Test
    void chainHashIsTheDocumentedFraming() throws Exception {
        byte[] previous = new byte[32];
        previous[0] = 7;

        ChainEntry entry = ChainEntry.seal(9, event, previous);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        framed(out, "migration-ledger chain v1".getBytes(StandardCharsets.UTF_8));
        out.writeLong(9);
        out.writeLong(42);
        framed(out, "orders-status-v42@staging".getBytes(StandardCharsets.UTF_8));
        out.writeLong(3);
        framed(out, "5b0e6a52".getBytes(StandardCharsets.UTF_8));
        framed(out, sha256(event.payload()));
        out.writeInt(-1);
        framed(out, event.eventHash());
        out.write(previous);
        assertThat(entry.chainHash()).isEqualTo(sha256(bytes.toByteArray()));
    }

    @Test
    void anEntryLinksOnlyToTheEntryItWasSealedAfter() {
        byte[] previous = ChainEntry.seal(1, event, CanonicalBytes.noPrevious()).chainHash();

        ChainEntry entry = ChainEntry.seal(2, event, previous);

        assertThat(entry.hash(previous)).isEqualTo(entry.chainHash());
        assertThat(entry.hash(CanonicalBytes.noPrevious())).isNotEqualTo(entry.chainHash());
    }

    private static void framed(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
