package io.ledger.migration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ledger.api.EvidenceHash;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.Planned;
import io.ledger.api.view.RecordedEvent;
import io.ledger.platform.AxonConfiguration;
import io.ledger.platform.EventKey;
import io.ledger.platform.LedgerProperties;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reads one migration's events back from Axon's event table with their ledger-wide position, which Axon's
 * aggregate stream does not expose. Rows go through Axon's own upcasting and deserialization, so a stored event
 * whose shape changed reads the same way here as in the aggregate. Read models use it to replay one migration.
 */
@Component
public class EventLog {

    private static final String SELECT = "SELECT globalindex, aggregateidentifier, sequencenumber, type, "
            + "eventidentifier, timestamp, payloadtype, payloadrevision, payload, metadata FROM domainevententry ";

    private static final HexFormat HEX = HexFormat.of();

    /** Events read per query when a migration is read page by page: each may be near the 1 MiB a body may carry. */
    private static final int PAGE = 16;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final Cache<String, Planned> plans;

    EventLog(JdbcTemplate jdbc, org.axonframework.config.Configuration axon, LedgerProperties properties) {
        this.jdbc = jdbc;
        this.serializer = axon.eventSerializer();
        this.upcasters = axon.upcasterChain();
        this.plans = Caffeine.newBuilder().maximumWeight(properties.migrationCacheSize())
                .weigher((String id, Planned planned) -> CacheWeight.units(CacheWeight.textBytes(planned.plan())))
                .build();
    }

    /**
     * Hands the migration's events up to sequence {@code upTo} to {@code each} in order, a page at a time, so that a
     * fold never holds all of a migration's events: together they may be larger than the heap.
     *
     * @return how many events there were
     */
    public long replay(String migrationId, long upTo, Consumer<RecordedEvent> each) {
        long handed = 0;
        for (Iterator<RecordedEvent> events = new Pages(migrationId, upTo); events.hasNext(); handed++) {
            each.accept(events.next());
        }
        return handed;
    }

    /**
     * The migration's events in order, read a page at a time as they are iterated, so that an answer with all of
     * them streams them rather than holding them all.
     */
    public Iterator<RecordedEvent> inOrder(String migrationId) {
        return new Pages(migrationId, Long.MAX_VALUE);
    }

    private final class Pages implements Iterator<RecordedEvent> {

        private final String migrationId;
        private final long upTo;
        private Iterator<RecordedEvent> page = Collections.emptyIterator();
        private long after = -1;
        private boolean lastPage;

        Pages(String migrationId, long upTo) {
            this.migrationId = migrationId;
            this.upTo = upTo;
        }

        @Override
        public boolean hasNext() {
            if (!page.hasNext() && !lastPage) {
                List<RecordedEvent> next = read(jdbc.query(SELECT + "WHERE aggregateidentifier = ? "
                        + "AND sequencenumber > ? AND sequencenumber <= ? ORDER BY sequencenumber LIMIT " + PAGE,
                        ROW, migrationId, after, upTo));
                lastPage = next.size() < PAGE;
                if (!next.isEmpty()) {
                    after = next.get(next.size() - 1).sequence();
                }
                page = next.iterator();
            }
            return page.hasNext();
        }

        @Override
        public RecordedEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.next();
        }
    }

    /** The migration's state after its event {@code upTo}; empty for a migration never planned. */
    public Optional<MigrationState> state(String migrationId, long upTo) {
        MigrationState state = new MigrationState();
        long events = replay(migrationId, upTo,
                recorded -> state.apply(recorded.event(), recorded.sequence(), recorded.recordedAt()));
        return events == 0 ? Optional.empty() : Optional.of(state);
    }

    public Optional<RecordedEvent> event(String migrationId, long sequence) {
        return read(jdbc.query(SELECT + "WHERE aggregateidentifier = ? AND sequencenumber = ?", ROW, migrationId, sequence))
                .stream().findFirst();
    }

    /** The migration's event stored under {@code eventId}: events are stored under the eventId they answer for. */
    public Optional<RecordedEvent> event(String migrationId, UUID eventId) {
        return read(jdbc.query(SELECT + "WHERE aggregateidentifier = ? AND eventidentifier = ?", ROW, migrationId,
                eventId.toString())).stream().findFirst();
    }

    /** Where the event stored under {@code eventId} is, if any: events are stored under the eventId they answer for. */
    Optional<EventKey> recordedAs(UUID eventId) {
        return jdbc.query("SELECT aggregateidentifier, sequencenumber FROM domainevententry WHERE eventidentifier = ?",
                (row, n) -> new EventKey(row.getString("aggregateidentifier"), row.getLong("sequencenumber")),
                eventId.toString()).stream().findFirst();
    }

    /** The sequence of the migration's last event; -1 for a migration never planned. */
    public long lastSequence(String migrationId) {
        return jdbc.queryForObject("SELECT coalesce(max(sequencenumber), -1) FROM domainevententry "
                + "WHERE aggregateidentifier = ?", Long.class, migrationId);
    }

    /** The migration's last event and its hash, for a sign-off to bind; empty for a migration never planned. */
    Optional<EvidenceHash> head(String migrationId) {
        return jdbc.query("SELECT sequencenumber, eventhash FROM domainevententry WHERE aggregateidentifier = ? "
                        + "ORDER BY sequencenumber DESC LIMIT 1",
                (row, n) -> new EvidenceHash(row.getLong("sequencenumber"), HEX.formatHex(row.getBytes("eventhash"))),
                migrationId).stream().findFirst();
    }

    /**
     * The migration's {@code planned} event, its first. Kept once read, for as many migrations as stay loaded: a
     * stored event never changes, and every gate of a migration is judged against its plan.
     */
    Optional<Planned> planned(String migrationId) {
        Planned known = plans.getIfPresent(migrationId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Planned> planned = event(migrationId, 0).map(RecordedEvent::event)
                .filter(Planned.class::isInstance).map(Planned.class::cast);
        planned.ifPresent(found -> plans.put(migrationId, found));
        return planned;
    }

    private List<RecordedEvent> read(List<TrackedDomainEventData<byte[]>> rows) {
        return EventStreamUtils.upcastAndDeserializeDomainEvents(rows.stream(), serializer, upcasters)
                .asStream()
                .map(message -> new RecordedEvent(message.getAggregateIdentifier(), message.getSequenceNumber(),
                        ((TrackedEventMessage<?>) message).trackingToken().position().orElseThrow(),
                        message.getTimestamp(), (String) message.getMetaData().get(AxonConfiguration.PRINCIPAL),
                        (LedgerEvent) message.getPayload()))
                .toList();
    }

    private static final RowMapper<TrackedDomainEventData<byte[]>> ROW = (row, n) ->
            new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(row.getLong("globalindex")),
                    new GenericDomainEventEntry<>(row.getString("type"), row.getString("aggregateidentifier"),
                            row.getLong("sequencenumber"), row.getString("eventidentifier"), row.getString("timestamp"),
                            row.getString("payloadtype"), row.getString("payloadrevision"), row.getBytes("payload"),
                            row.getBytes("metadata")));
}
