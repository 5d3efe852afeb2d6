package io.ledger.reports;

import io.ledger.web.InvalidRequestException;
import io.ledger.web.InvalidRequestException.FieldProblem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The parameters of {@code GET /reports/durations}, checked all at once so that a caller fixes them in one go. */
record DurationQuery(GroupBy groupBy, Bucket bucket, Instant from, Instant to) {

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

    static DurationQuery parse(String groupBy, String bucket, String from, String to) {
        List<FieldProblem> problems = new ArrayList<>();
        GroupBy group = oneOf("groupBy", groupBy, GroupBy.DATABASE, GroupBy.values(), value -> value.wireId, problems);
        Bucket size = oneOf("bucket", bucket, Bucket.DAY, Bucket.values(), value -> value.wireId, problems);
        Instant start = instant("from", from, problems);
        Instant end = instant("to", to, problems);
        if (start != null && end != null && !end.isAfter(start)) {
            problems.add(new FieldProblem("to", "must be after from"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new DurationQuery(group, size, start, end);
    }

    private static <T> T oneOf(String field, String value, T fallback, T[] values,
            java.util.function.Function<T, String> wireId, List<FieldProblem> problems) {
        if (value == null) {
            return fallback;
        }
        Optional<T> match = Arrays.stream(values).filter(candidate -> wireId.apply(candidate).equals(value)).findFirst();
        if (match.isEmpty()) {
            problems.add(new FieldProblem(field, "must be one of "
                    + String.join(", ", Arrays.stream(values).map(wireId).toList())));
        }
        return match.orElse(null);
    }

    /** An instant, or a date meaning its first moment in UTC. */
    private static Instant instant(String field, String value, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        try {
            return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field,
                    "must be an ISO-8601 instant such as 2026-05-11T00:00:00Z or a date such as 2026-05-11"));
            return null;
        }
    }
}
