package io.ledger.integrity;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One event sealed into the ledger-wide chain, in the order the sealer saw events committed: entry {@code chainSeq}
 * (from 1, without gaps) links the event's hash to every entry before it. {@code eventId} is the contract's, so
 * that an event deleted since is still named as people know it.
 */
record ChainEntry(
        long chainSeq,
        long position,
        String migrationId,
        long sequence,
        String eventId,
        byte[] payloadHash,
        byte[] metadataHash,
        byte[] eventHash,
        byte[] chainHash) {

    static final String COLUMNS = "c.chain_seq, c.position, c.migration_id, c.sequence, c.event_id, c.payload_hash, "
            + "c.metadata_hash, c.event_hash, c.chain_hash";

    /** The entry sealing {@code event} after the entry whose chain hash is {@code previous}. */
    static ChainEntry seal(long chainSeq, StoredEvent event, byte[] previous) {
        ChainEntry unlinked = new ChainEntry(chainSeq, event.position(), event.migrationId(), event.sequence(),
                event.eventId(), CanonicalBytes.sha256(event.payload()), CanonicalBytes.sha256(event.metadata()),
                event.eventHash(), null);
        return new ChainEntry(chainSeq, unlinked.position, unlinked.migrationId, unlinked.sequence,
                unlinked.eventId, unlinked.payloadHash, unlinked.metadataHash, unlinked.eventHash,
                unlinked.hash(previous));
    }

    /** The row's columns selected as {@link #COLUMNS}, from the table aliased {@code c}. */
    static ChainEntry read(ResultSet row) throws SQLException {
        return new ChainEntry(row.getLong("chain_seq"), row.getLong("position"), row.getString("migration_id"),
                row.getLong("sequence"), row.getString("event_id"), row.getBytes("payload_hash"),
                row.getBytes("metadata_hash"), row.getBytes("event_hash"), row.getBytes("chain_hash"));
    }

    /** This entry's chain hash after the entry whose chain hash is {@code previous}, as docs/security.md defines it. */
    byte[] hash(byte[] previous) {
        return new CanonicalBytes("migration-ledger chain v1").number(chainSeq).number(position).text(migrationId)
                .number(sequence).text(eventId).bytes(payloadHash).bytes(metadataHash).bytes(eventHash)
                .previous(previous).sha256();
    }
}
