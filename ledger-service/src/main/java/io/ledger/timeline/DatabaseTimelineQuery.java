package io.ledger.timeline;

import io.ledger.web.InvalidRequestException;
import io.ledger.web.InvalidRequestException.FieldProblem;
import org.springframework.util.MultiValueMap;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
            return new Cursor(Instant.parse(decoded.substring(0, bar)), Long.parseLong(decoded.substring(bar + 1)));
        }
    }

    static DatabaseTimelineQuery parse(MultiValueMap<String, String> parameters, TimelineSettings settings) {
        List<FieldProblem> problems = new ArrayList<>();
        parameters.keySet().stream().filter(name -> !PARAMETERS.contains(name)).sorted().forEach(name ->
                problems.add(new FieldProblem(name, "unknown parameter; known are " + PARAMETERS.stream().sorted().toList())));
        String database = parameters.getFirst("database");
        if (database == null || database.isBlank()) {
            problems.add(new FieldProblem("database", "required: the database whose events to merge"));
        }
        Instant from = instant(parameters, "from", problems);
        Instant to = instant(parameters, "to", problems);
        if (from != null && to != null) {
            if (!from.isBefore(to)) {
                problems.add(new FieldProblem("to", "must be after from"));
            } else if (Duration.between(from, to).compareTo(settings.maxWindow()) > 0) {
                problems.add(new FieldProblem("to", "the window may span at most " + settings.maxWindow()));
            }
        }
        Cursor after = null;
        String cursor = parameters.getFirst("cursor");
        if (cursor != null) {
            try {
                after = Cursor.decode(cursor);
            } catch (IllegalArgumentException | DateTimeParseException malformed) {
                problems.add(new FieldProblem("cursor", "not a cursor returned as nextCursor by this endpoint"));
            }
        }
        int limit = settings.defaultLimit();
        String limitText = parameters.getFirst("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException notANumber) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                problems.add(new FieldProblem("limit", "must be a whole number from 1 to " + MAX_LIMIT));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new DatabaseTimelineQuery(database, from, to, after, limit);
    }

    /** A required ISO-8601 instant; null (with the problem noted) when missing or malformed. */
    static Instant instant(MultiValueMap<String, String> parameters, String name, List<FieldProblem> problems) {
        String value = parameters.getFirst(name);
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(name, "required: an ISO-8601 instant such as 2026-05-12T02:00:00Z"));
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException malformed) {
            problems.add(new FieldProblem(name, "not an ISO-8601 instant such as 2026-05-12T02:00:00Z: '" + value + "'"));
            return null;
        }
    }
}
