package io.ledger.integrity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The event hash of docs/security.md, against the values PostgreSQL's ledger_event_hash (V8) gives for the same rows. */
class StoredEventTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void eventIdIsThePayloadsOwnTopLevelField() {
        assertThat(withPayload("{\"type\":\"verified\",\"phase\":{\"eventId\":\"nested\"},\"runner\":[{\"eventId\":1}],"
                + "\"eventId\":\"7abb3b3d-7631-4100-8c30-16c5fd0bb173\",\"actor\":\"ci\"}").eventId())
                .isEqualTo("7abb3b3d-7631-4100-8c30-16c5fd0bb173");
    }

    @Test
    void eventIdIsNullWhenThePayloadHasNoTextualOne() {
        assertThat(withPayload("{\"type\":\"planned\",\"plan\":{\"eventId\":\"nested\"}}").eventId()).isNull();
        assertThat(withPayload("{\"eventId\":42}").eventId()).isNull();
        assertThat(withPayload("[\"eventId\"]").eventId()).isNull();
        assertThat(withPayload("{\"eventId\":").eventId()).isNull();
        assertThat(withPayload("not json").eventId()).isNull();
    }

    @Test
    void hashIsTheOneTheDatabaseComputesForTheSameRow() {
        StoredEvent event = new StoredEvent(1, "m", 7, "e", null, "pt", "", "ts", new byte[0], null, null);

        assertThat(HEX.formatHex(event.hash(repeat(0xab))))
                .isEqualTo("dac29f5693410314d5823cc49fbd184c5ac84903ee59cada777f629f03a76e65");
    }

    @Test
    void textIsHashedAsUtf8LikeTheDatabaseDoes() {
        StoredEvent event = new StoredEvent(1, "größe@prod", 1, "e", "Migration", "pt", null, "ts",
                "{\"ü\":1}".getBytes(StandardCharsets.UTF_8), new byte[0], null);

        assertThat(HEX.formatHex(event.hash(repeat(0x01))))
                .isEqualTo("c6dcd38ceead0b0633b8266b4725e1e7c07602aa88bac400bf672cd695f80f83");
    }

    @Test
    void theFirstEventOfAMigrationChainsToZeros() {
        StoredEvent planned = new StoredEvent(1, "m1", 0, "e1", "Migration", "io.ledger.api.event.Planned", null,
                "2026-05-12T02:00:00Z", "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8), null);

        assertThat(HEX.formatHex(planned.hash(CanonicalBytes.noPrevious())))
                .isEqualTo("9d8a99cd5ddc36f0693ab6ef61643465849d5d493d9b3e0c8c5ec88e66b84c0c");
    }

    @Test
    void nullAndEmptyAreDifferentValues() {
        StoredEvent empty = new StoredEvent(1, "m", 0, "e", "t", "pt", "", "ts", new byte[0], new byte[0], null);
        StoredEvent absent = new StoredEvent(1, "m", 0, "e", "t", "pt", null, "ts", new byte[0], null, null);

        assertThat(empty.hash(CanonicalBytes.noPrevious())).isNotEqualTo(absent.hash(CanonicalBytes.noPrevious()));
    }

    @Test
    void aByteMovedAcrossAFieldBoundaryChangesTheHash() {
        StoredEvent event = new StoredEvent(1, "m", 0, "e", "ab", "c", null, "ts", new byte[0], null, null);
        StoredEvent moved = new StoredEvent(1, "m", 0, "e", "a", "bc", null, "ts", new byte[0], null, null);

        assertThat(event.hash(CanonicalBytes.noPrevious())).isNotEqualTo(moved.hash(CanonicalBytes.noPrevious()));
    }

    @Test
    void theHashCoversThePreviousEventsHash() {
        StoredEvent event = new StoredEvent(1, "m", 3, "e", "t", "pt", null, "ts", new byte[] {1}, null, null);

        assertThat(event.hash(repeat(1))).isNotEqualTo(event.hash(repeat(2)));
    }

    private static byte[] repeat(int value) {
        byte[] bytes = new byte[CanonicalBytes.HASH_LENGTH];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static StoredEvent withPayload(String json) {
        return new StoredEvent(1, "m", 0, "e", "t", "pt", null, "ts", json.getBytes(StandardCharsets.UTF_8), null,
                null);
    }
}
