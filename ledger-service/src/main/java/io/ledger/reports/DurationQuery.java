package io.ledger.reports;

import io.ledger.web.QueryParameters;
import org.springframework.util.MultiValueMap;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The parameters of {@code GET /reports/durations}, checked all at once so that a caller fixes them in one go. */
record DurationQuery(GroupBy groupBy, Bucket bucket, Instant from, Instant to) {

    private static final Set<String> PARAMETERS = Set.of("groupBy", "bucket", "from", "to");
    private static final String INSTANT_OR_DATE =
            "an ISO-8601 instant such as 2026-05-11T00:00:00Z or a date such as 2026-05-11";

    enum GroupBy {
        DATABASE("database"), ENVIRONMENT("environment"), KIND("kind"), STEP("step");

        /** Also the column of reports_migration: only these four names ever reach the SQL. */
        final String wireId;

        GroupBy(String wireId) {
            this.wireId = wireId;
        }
    }

    enum Bucket {
        DAY("day"), WEEK("week"), MONTH("month");

        final String wireId;

        Bucket(String wireId) {
            this.wireId = wireId;
        }
    }

    static DurationQuery parse(MultiValueMap<String, String> parameters, Instant now) {
        QueryParameters query = new QueryParameters(parameters, PARAMETERS);
        GroupBy group = oneOf(query, "groupBy", GroupBy.DATABASE, GroupBy.values(), value -> value.wireId);
        Bucket size = oneOf(query, "bucket", Bucket.DAY, Bucket.values(), value -> value.wireId);
        Instant start = query.instant("from", false, DurationQuery::instantOrDate, INSTANT_OR_DATE);
        Instant end = query.instant("to", false, DurationQuery::instantOrDate, INSTANT_OR_DATE);
        if (start != null && end != null && !end.isAfter(start)) {
            query.problem("to", "must be after from");
        } else if (start != null && query.text("to") == null && !now.isAfter(start)) {
            // The same rule as an explicit to: an empty window is a mistake to point out, not an empty report.
            query.problem("from", "must be before to, which defaulted to now (" + now + ")");
        }
        query.throwIfAny();
        return new DurationQuery(group, size, start, end);
    }

    private static <T> T oneOf(QueryParameters query, String field, T fallback, T[] values,
            Function<T, String> wireId) {
        String value = query.text(field);
        if (value == null) {
            return fallback;
        }
        Optional<T> match = Arrays.stream(values).filter(candidate -> wireId.apply(candidate).equals(value))
                .findFirst();
        if (match.isEmpty()) {
            query.problem(field, "must be one of " + String.join(", ", Arrays.stream(values).map(wireId).toList()));
        }
        return match.orElse(null);
    }

    /** An instant, or a date meaning its first moment in UTC. */
    private static Instant instantOrDate(String value) {
        return value.contains("T") ? Instant.parse(value)
                : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
