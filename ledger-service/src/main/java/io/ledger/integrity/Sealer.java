package io.ledger.integrity;

import io.ledger.platform.EventKey;
import io.ledger.projections.BatchScope;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Seals every event into the ledger-wide chain in the order it became visible, which under concurrent writers is
 * not the order of positions: a single-segment streaming processor, whose gap-aware token picks up an event committed
 * after later positions, appends each to {@code ledger_chain} in the transaction that moves its token. Sealing after
 * commit keeps writers free of a ledger-wide lock. The event's own bytes are read back rather than taken from the
 * message, so that what is sealed is what is stored; it is never deserialized, so no stored row can stall sealing.
 * <p>
 * The events of one batch are gathered as they come and sealed together just before the batch commits: a handful of
 * statements per batch rather than per event.
 * <p>
 * It is never replayed, yet a sealer without a token (a database restored without {@code tokenentry}) starts from
 * the first event, as a processor that disallows replays does (AxonConfiguration), and seals what the backup caught
 * unsealed; the events sealed already are passed over.
 */
@Component
@ProcessingGroup(Sealer.PROCESSOR)
@DisallowReplay
class Sealer {

    static final String PROCESSOR = "sealer";

    private static final Logger log = LoggerFactory.getLogger(Sealer.class);

    /** The rows of the given (migration, sequence) pairs, in the order given. */
    private static final String ROWS = "SELECT " + StoredEvent.COLUMNS + " FROM unnest(?, ?) WITH ORDINALITY "
            + "AS delivered(migration, sequence, n) JOIN domainevententry e ON e.aggregateidentifier = "
            + "delivered.migration AND e.sequencenumber = delivered.sequence ORDER BY delivered.n";

    /** The hashes of the events before the given (migration, sequence) pairs. */
    private static final String PREVIOUS = "SELECT e.aggregateidentifier, e.sequencenumber, e.eventhash "
            + "FROM unnest(?, ?) AS sealing(migration, sequence) JOIN domainevententry e "
            + "ON e.aggregateidentifier = sealing.migration AND e.sequencenumber = sealing.sequence - 1";

    private final JdbcTemplate jdbc;
    private final BatchScope<List<EventKey>> delivered = new BatchScope<>("sealer", ArrayList::new, this::seal);

    Sealer(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The event's row is found by its migration and sequence: the position of a gap-aware token is the highest the
     * processor has seen, which for an event committed after later ones is theirs, not its own.
     */
    @EventHandler
    void on(DomainEventMessage<?> message) {
        delivered.current().add(new EventKey(message.getAggregateIdentifier(), message.getSequenceNumber()));
    }

    private void seal(List<EventKey> batch) {
        List<StoredEvent> events = stored(batch);
        // Axon delivers at least once; an event sealed already stays where it was sealed.
        Set<Long> sealed = new HashSet<>(jdbc.queryForList("SELECT position FROM ledger_chain WHERE position = ANY(?)",
                Long.class, (Object) events.stream().map(StoredEvent::position).toArray(Long[]::new)));
        events = events.stream().filter(event -> sealed.add(event.position())).toList();
        if (events.isEmpty()) {
            return;
        }
        Map<EventKey, byte[]> previous = previousHashes(events);
        ChainEntry last = jdbc.query("SELECT " + ChainEntry.COLUMNS + " FROM ledger_chain c ORDER BY chain_seq DESC "
                + "LIMIT 1", (row, n) -> ChainEntry.read(row)).stream().findFirst().orElse(null);
        List<Object[]> rows = new ArrayList<>();
        for (StoredEvent event : events) {
            // The trigger of V8 hashed the row when it was inserted; a row that does not chain was written around it.
            byte[] before = event.sequence() == 0 ? CanonicalBytes.noPrevious()
                    : previous.get(new EventKey(event.migrationId(), event.sequence() - 1));
            if (before == null || !Arrays.equals(event.hash(before), event.eventHash())) {
                log.error("Not sealing event {} of {} at position {}: it does not chain to its migration's previous "
                        + "event, so it was not written by the ledger; GET /api/v1/ledger/verify names it",
                        event.sequence(), event.migrationId(), event.position());
                continue;
            }
            last = last == null ? ChainEntry.seal(1, event, CanonicalBytes.noPrevious())
                    : ChainEntry.seal(last.chainSeq() + 1, event, last.chainHash());
            rows.add(new Object[]{last.chainSeq(), last.position(), last.migrationId(), last.sequence(), last.eventId(),
                    last.payloadHash(), last.metadataHash(), last.eventHash(), last.chainHash()});
        }
        jdbc.batchUpdate("INSERT INTO ledger_chain (chain_seq, position, migration_id, sequence, event_id, "
                + "payload_hash, metadata_hash, event_hash, chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    private List<StoredEvent> stored(List<EventKey> batch) {
        List<StoredEvent> events = jdbc.query(ROWS, EventKey.asArrays(batch), (row, n) -> StoredEvent.read(row));
        if (events.size() < batch.size()) {
            Set<EventKey> found = events.stream().map(event -> new EventKey(event.migrationId(), event.sequence()))
                    .collect(Collectors.toSet());
            batch.stream().filter(key -> !found.contains(key)).forEach(key -> log.error(
                    "Not sealing event {} of {}: it was deleted before it could be sealed", key.sequence(),
                    key.migrationId()));
        }
        return events;
    }

    private Map<EventKey, byte[]> previousHashes(List<StoredEvent> events) {
        Map<EventKey, byte[]> hashes = new HashMap<>();
        List<EventKey> keys = events.stream().map(event -> new EventKey(event.migrationId(), event.sequence()))
                .toList();
        jdbc.query(PREVIOUS, EventKey.asArrays(keys), row -> {
            hashes.put(new EventKey(row.getString(1), row.getLong(2)), row.getBytes(3));
        });
        return hashes;
    }
}
