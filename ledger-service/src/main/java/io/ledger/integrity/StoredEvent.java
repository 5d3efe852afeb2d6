package io.ledger.integrity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of {@code domainevententry} exactly as stored: the bytes that were hashed, not the event they
 * deserialize to. {@code messageId} is Axon's identifier of the message ({@code eventidentifier}): the eventId the
 * event answers for, for events stored since eventIds were made unique in the whole ledger, a random one before.
 */
record StoredEvent(
        long position,
        String migrationId,
        long sequence,
        String messageId,
        String type,
        String payloadType,
        String payloadRevision,
        String timestamp,
        byte[] payload,
        byte[] metadata,
        byte[] eventHash) {

    static final String COLUMNS = "e.globalindex, e.aggregateidentifier, e.sequencenumber, e.eventidentifier, e.type, "
            + "e.payloadtype, e.payloadrevision, e.timestamp, e.payload, e.metadata, e.eventhash";

    private static final JsonFactory JSON = new JsonFactory();

    /** The row's columns selected as {@link #COLUMNS}, from the table aliased {@code e}. */
    static StoredEvent read(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong("globalindex"), row.getString("aggregateidentifier"),
                row.getLong("sequencenumber"), row.getString("eventidentifier"), row.getString("type"),
                row.getString("payloadtype"), row.getString("payloadrevision"), row.getString("timestamp"),
                row.getBytes("payload"), row.getBytes("metadata"), row.getBytes("eventhash"));
    }

    /**
     * The hash chaining this event to {@code previous}, its migration's previous event's hash: SHA-256 over every
     * column an auditor relies on, framed as docs/security.md describes.
     */
    byte[] hash(byte[] previous) {
        return new CanonicalBytes("migration-ledger event v1").text(migrationId).number(sequence).text(messageId)
                .text(type).text(payloadType).text(payloadRevision).text(timestamp).bytes(payload).bytes(metadata)
                .previous(previous).sha256();
    }

    /**
     * The contract's eventId, by which people know the event; null when the payload names none. The sealer asks
     * this of every event, so the payload is read only up to that field rather than into a tree (which was
     * most of what the sealer allocated).
     */
    String eventId() {
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean wanted = parser.currentName().equals("eventId");
                JsonToken value = parser.nextToken();
                if (wanted) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
