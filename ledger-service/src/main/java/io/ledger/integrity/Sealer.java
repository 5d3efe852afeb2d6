package io.ledger.integrity;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.Optional;

/**
 * Seals every event into the ledger-wide chain in the order it became visible, which under concurrent writers is
 * not the order of positions: a single-segment tracking processor, whose gap-aware token picks up an event committed
 * after later positions, appends each to {@code ledger_chain} in the transaction that moves its token. Sealing after
 * commit keeps writers free of a ledger-wide lock. The event's own bytes are read back rather than taken from the
 * message, so that what is sealed is what is stored; it is never deserialized, so no stored row can stall sealing.
 */
@Component
@ProcessingGroup(Sealer.PROCESSOR)
@DisallowReplay
class Sealer {

    static final String PROCESSOR = "sealer";

    private static final Logger log = LoggerFactory.getLogger(Sealer.class);

    private final JdbcTemplate jdbc;

    Sealer(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The event's row is found by its migration and sequence: the position of a gap-aware token is the highest the
     * processor has seen, which for an event committed after later ones is theirs, not its own.
     */
    @EventHandler
    void seal(DomainEventMessage<?> message) {
        Optional<StoredEvent> stored = jdbc.query("SELECT " + StoredEvent.COLUMNS + " FROM domainevententry e "
                        + "WHERE e.aggregateidentifier = ? AND e.sequencenumber = ?", (row, n) -> StoredEvent.read(row),
                message.getAggregateIdentifier(), message.getSequenceNumber()).stream().findFirst();
        if (stored.isEmpty()) {
            log.error("Not sealing event {} of {}: it was deleted before it could be sealed",
                    message.getSequenceNumber(), message.getAggregateIdentifier());
            return;
        }
        StoredEvent event = stored.get();
        // Axon delivers at least once; an event sealed already stays where it was sealed.
        if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM ledger_chain WHERE position = ?)",
                Boolean.class, event.position()))) {
            return;
        }
        // The trigger of V8 hashed the row when it was inserted; a row that does not chain was written around it.
        byte[] previous = previousHash(event);
        if (previous == null || !Arrays.equals(event.hash(previous), event.eventHash())) {
            log.error("Not sealing event {} of {} at position {}: it does not chain to its migration's previous "
                    + "event, so it was not written by the ledger; GET /api/v1/ledger/verify names it",
                    event.sequence(), event.migrationId(), event.position());
            return;
        }
        ChainEntry entry = jdbc.query("SELECT chain_seq, chain_hash FROM ledger_chain ORDER BY chain_seq DESC LIMIT 1",
                        (row, n) -> ChainEntry.seal(row.getLong("chain_seq") + 1, event, row.getBytes("chain_hash")))
                .stream().findFirst().orElseGet(() -> ChainEntry.seal(1, event, CanonicalBytes.noPrevious()));
        jdbc.update("INSERT INTO ledger_chain (chain_seq, position, migration_id, sequence, event_id, payload_hash, "
                        + "metadata_hash, event_hash, chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                entry.chainSeq(), entry.position(), entry.migrationId(), entry.sequence(), entry.eventId(),
                entry.payloadHash(), entry.metadataHash(), entry.eventHash(), entry.chainHash());
    }

    private byte[] previousHash(StoredEvent event) {
        if (event.sequence() == 0) {
            return CanonicalBytes.noPrevious();
        }
        return jdbc.query("SELECT eventhash FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = ?",
                (row, n) -> row.getBytes(1), event.migrationId(), event.sequence() - 1).stream().findFirst().orElse(null);
    }
}
