package io.ledger.history;

import io.ledger.api.MigrationStatus;
import io.ledger.web.InvalidRequestException;
import io.ledger.web.InvalidRequestException.FieldProblem;
import org.springframework.util.MultiValueMap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An auditor's search: every filter given must hold. {@code from}/{@code to} select the migrations whose
 * [planned, last activity] interval overlaps the window. {@code after} is where the previous page ended.
 */
record HistoryQuery(
        String database,
        String environment,
        Set<MigrationStatus> statuses,
        String actor,
        Instant from,
        Instant to,
        String q,
        Cursor after,
        int limit) {

    static final int MAX_LIMIT = 500;
    private static final Set<String> PARAMETERS =
            Set.of("database", "environment", "status", "actor", "from", "to", "q", "cursor", "limit");

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
            return new Cursor(Instant.parse(decoded.substring(0, bar)), decoded.substring(bar + 1));
        }
    }

    static HistoryQuery parse(MultiValueMap<String, String> parameters, int defaultLimit) {
        List<FieldProblem> problems = new ArrayList<>();
        parameters.keySet().stream().filter(name -> !PARAMETERS.contains(name)).sorted().forEach(name ->
                problems.add(new FieldProblem(name, "unknown parameter; known are " + PARAMETERS.stream().sorted().toList())));
        Set<MigrationStatus> statuses = EnumSet.noneOf(MigrationStatus.class);
        for (String value : values(parameters, "status")) {
            Arrays.stream(MigrationStatus.values()).filter(status -> status.wireId().equals(value)).findFirst()
                    .ifPresentOrElse(statuses::add, () -> problems.add(new FieldProblem("status", "unknown status '"
                            + value + "'; known are " + Arrays.stream(MigrationStatus.values())
                            .map(MigrationStatus::wireId).toList())));
        }
        Instant from = instant(parameters, "from", problems);
        Instant to = instant(parameters, "to", problems);
        if (from != null && to != null && from.isAfter(to)) {
            problems.add(new FieldProblem("to", "must not be before from"));
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
        int limit = defaultLimit;
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
        return new HistoryQuery(text(parameters, "database"), text(parameters, "environment"), statuses,
                text(parameters, "actor"), from, to, text(parameters, "q"), after, limit);
    }

    /** Repeated parameters and comma-separated values both mean "any of these". */
    private static List<String> values(MultiValueMap<String, String> parameters, String name) {
        List<String> given = parameters.getOrDefault(name, List.of());
        return given.stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::trim)
                .filter(value -> !value.isEmpty()).toList();
    }

    private static String text(MultiValueMap<String, String> parameters, String name) {
        String value = parameters.getFirst(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static Instant instant(MultiValueMap<String, String> parameters, String name, List<FieldProblem> problems) {
        String value = text(parameters, name);
        if (value == null) {
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
