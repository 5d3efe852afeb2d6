package io.ledger.web;

import io.ledger.web.InvalidRequestException.FieldProblem;
import org.springframework.util.MultiValueMap;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a request's query parameters and collects every problem with them, so that one {@code 400} names them all.
 * Unknown parameters are problems too: a misspelt filter would otherwise widen the answer silently.
 */
public final class QueryParameters {

    private static final String INSTANT_EXAMPLE = "an ISO-8601 instant such as 2026-05-12T02:00:00Z";

    private final MultiValueMap<String, String> parameters;
    private final List<FieldProblem> problems = new ArrayList<>();

    /** Parameters that each take one value. */
    public QueryParameters(MultiValueMap<String, String> parameters, Set<String> known) {
        this(parameters, known, Set.of());
    }

    /**
     * The {@code repeatable} ones among the {@code known}, read with {@link #values}, may be given more than once;
     * any other given twice is a problem, since reading one of its values would silently drop the other.
     */
    public QueryParameters(MultiValueMap<String, String> parameters, Set<String> known, Set<String> repeatable) {
        this.parameters = parameters;
        parameters.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(parameter -> {
            String name = parameter.getKey();
            if (!known.contains(name)) {
                problem(name, known.isEmpty() ? "unknown parameter; this endpoint takes none"
                        : "unknown parameter; known are " + known.stream().sorted().toList());
            } else if (!repeatable.contains(name) && parameter.getValue().size() > 1) {
                problem(name, "given " + parameter.getValue().size() + " times; give it once");
            } else if (parameter.getValue().stream().anyMatch(value -> value.isBlank()
                    || repeatable.contains(name) && Arrays.stream(value.split(",", -1)).anyMatch(String::isBlank))) {
                // Read as absent, ?asOf= would answer today's state and ?database=$UNSET every database.
                problem(name, "is empty; give a value or leave the parameter out");
            }
        });
    }

    /** The parameter's value, or null when absent or empty (which the constructor found a problem). */
    public String text(String name) {
        String value = parameters.getFirst(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** Every value given: repeated parameters and comma-separated values both count. */
    public List<String> values(String name) {
        return parameters.getOrDefault(name, List.of()).stream()
                .flatMap(value -> List.of(value.split(",")).stream()).map(String::trim)
                .filter(value -> !value.isEmpty()).toList();
    }

    /** An ISO-8601 instant that the ledger can store ({@link StorableInstant}); null when absent or at fault. */
    public Instant instant(String name, boolean required) {
        return instant(name, required, Instant::parse, INSTANT_EXAMPLE);
    }

    /**
     * An instant written as {@code parse} reads it, {@code example} saying how, which the ledger can store: PostgreSQL
     * refuses to compare a timestamp outside {@link StorableInstant}'s range, with an error only a {@code 500} could
     * report. Null when absent or at fault.
     */
    public Instant instant(String name, boolean required, Function<String, Instant> parse, String example) {
        String value = text(name);
        if (value == null) {
            if (required) {
                problem(name, "required: " + example);
            }
            return null;
        }
        Instant instant;
        try {
            instant = parse.apply(value);
        } catch (DateTimeParseException malformed) {
            problem(name, "not " + example + ": '" + value + "'");
            return null;
        }
        Optional<String> unstorable = StorableInstant.problem(instant);
        unstorable.ifPresent(problem -> problem(name, problem));
        return unstorable.isPresent() ? null : instant;
    }

    public int limit(int defaultLimit, int max) {
        String value = text("limit");
        if (value == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, with the same message as an out-of-range number
        }
        problem("limit", "must be a whole number from 1 to " + max);
        return defaultLimit;
    }

    /** The {@code cursor} a previous page returned as {@code nextCursor}, decoded; null when absent or foreign. */
    public <T> T cursor(Function<String, T> decode) {
        String value = text("cursor");
        if (value == null) {
            return null;
        }
        try {
            return decode.apply(value);
        } catch (IllegalArgumentException | DateTimeParseException malformed) {
            problem("cursor", "not a cursor returned as nextCursor by this endpoint");
            return null;
        }
    }

    public void problem(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
