package io.ledger.timeline;

import io.ledger.web.QueryParameters;
import io.ledger.web.StorableInstant;
import org.springframework.util.MultiValueMap;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/** "What happened on this database in this window": events with {@code from <= occurredAt < to}, oldest first. */
record DatabaseTimelineQuery(String database, Instant from, Instant to, Cursor after, int limit) {

    static final int MAX_LIMIT = 5000;
    private static final Set<String> PARAMETERS = Set.of("database", "from", "to", "cursor", "limit");

    /** Where the previous page ended: the last event's time and ledger position. */
    record Cursor(Instant occurredAt, long position) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((occurredAt + "|" + position).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("not a timeline cursor");
            }
            Cursor cursor = new Cursor(Instant.parse(decoded.substring(0, bar)),
                    Long.parseLong(decoded.substring(bar + 1)));
            // Forged, not handed out: PostgreSQL would refuse the instant with an error, not an answer.
            if (!StorableInstant.storable(cursor.occurredAt())) {
                throw new IllegalArgumentException("not a timeline cursor");
            }
            return cursor;
        }
    }

    static DatabaseTimelineQuery parse(MultiValueMap<String, String> parameters, TimelineSettings settings) {
        QueryParameters query = new QueryParameters(parameters, PARAMETERS);
        String database = query.text("database");
        if (database == null) {
            query.problem("database", "required: the database whose events to merge");
        }
        Instant from = query.instant("from", true);
        Instant to = query.instant("to", true);
        if (from != null && to != null) {
            if (!from.isBefore(to)) {
                query.problem("to", "must be after from");
            } else if (Duration.between(from, to).compareTo(settings.maxWindow()) > 0) {
                query.problem("to", "the window may span at most " + settings.maxWindow());
            }
        }
        Cursor after = query.cursor(Cursor::decode);
        int limit = query.limit(settings.defaultLimit(), MAX_LIMIT);
        query.throwIfAny();
        return new DatabaseTimelineQuery(database, from, to, after, limit);
    }
}
