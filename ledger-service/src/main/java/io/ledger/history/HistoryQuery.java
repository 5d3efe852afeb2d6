package io.ledger.history;

import io.ledger.api.MigrationStatus;
import io.ledger.web.QueryParameters;
import io.ledger.web.StorableInstant;
import io.ledger.web.StorableText;
import org.springframework.util.MultiValueMap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * An auditor's search: every filter given must hold. {@code from}/{@code to} select the migrations whose
 * [planned, last activity] interval overlaps the window. {@code after} is where the previous page ended.
 * {@code limitGiven} says whether the request named its {@code limit}: a page always has one, an export only then.
 */
record HistoryQuery(
        String database,
        String environment,
        Set<MigrationStatus> statuses,
        String actor,
        String principal,
        Instant from,
        Instant to,
        String q,
        Cursor after,
        int limit,
        boolean limitGiven) {

    static final int MAX_LIMIT = 500;
    private static final Set<String> PARAMETERS =
            Set.of("database", "environment", "status", "actor", "principal", "from", "to", "q", "cursor",
                    "limit");

    /** A position in the newest-first order; both parts never change once a migration is planned. */
    record Cursor(Instant plannedAt, String id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((plannedAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            if (bar < 0 || bar == decoded.length() - 1) {
                throw new IllegalArgumentException("not a history cursor");
            }
            Cursor cursor = new Cursor(Instant.parse(decoded.substring(0, bar)), decoded.substring(bar + 1));
            // Forged, not handed out: PostgreSQL would refuse the instant or the text with an error, not an answer.
            if (!StorableInstant.storable(cursor.plannedAt()) || StorableText.problem(cursor.id()).isPresent()) {
                throw new IllegalArgumentException("not a history cursor");
            }
            return cursor;
        }
    }

    static HistoryQuery parse(MultiValueMap<String, String> parameters, int defaultLimit) {
        QueryParameters query = new QueryParameters(parameters, PARAMETERS, Set.of("status"));
        Set<MigrationStatus> statuses = EnumSet.noneOf(MigrationStatus.class);
        for (String value : query.values("status")) {
            Arrays.stream(MigrationStatus.values()).filter(status -> status.wireId().equals(value)).findFirst()
                    .ifPresentOrElse(statuses::add, () -> query.problem("status", "unknown status '" + value
                            + "'; known are " + Arrays.stream(MigrationStatus.values()).map(MigrationStatus::wireId).toList()));
        }
        Instant from = query.instant("from", false);
        Instant to = query.instant("to", false);
        if (from != null && to != null && from.isAfter(to)) {
            query.problem("to", "must not be before from");
        }
        Cursor after = query.cursor(Cursor::decode);
        int limit = query.limit(defaultLimit, MAX_LIMIT);
        query.throwIfAny();
        return new HistoryQuery(query.text("database"), query.text("environment"), statuses, query.text("actor"),
                query.text("principal"), from, to, query.text("q"), after, limit, query.text("limit") != null);
    }
}
