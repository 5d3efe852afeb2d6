package io.ledger.web;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.ledger.api.event.LedgerEvent;
import io.ledger.platform.ExceptionChain;
import io.ledger.web.InvalidRequestException.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A request body that could not be read, as the {@code 400} that says what is wrong in JSON's and the contract's
 * words: Jackson's own messages name Java types and its parser's internals, which mean nothing to a runner written
 * in another language.
 */
final class UnreadableBody {

    /** Jackson's wording for a required field left out, which has no exception type of its own. */
    private static final String MISSING_REQUIRED = "Missing required creator property";
    /** How Jackson's own type-mismatch messages start, as opposed to the ones the ledger's checks raise. */
    private static final String JACKSONS = "Cannot ";
    private static final String ENUM_VALUES = "not one of the values accepted for Enum class: ";
    private static final String TRAILING = "Trailing token";
    private static final String DUPLICATE = "Duplicate field '";
    /** The types a runner may post, as the contract names them. */
    private static final String POSTABLE_TYPES = Arrays.stream(LedgerEvent.class.getAnnotation(JsonSubTypes.class)
                    .value())
            .map(JsonSubTypes.Type::value).map(type -> type.asSubclass(LedgerEvent.class))
            .filter(LedgerEvent::postable).map(LedgerEvent::typeOf).sorted()
            .collect(Collectors.joining(", ", "[", "]"));
    /** Where Jackson's parser messages name a location, they name the (redacted) source first. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;]*; line: (\\d+), column: (\\d+)]");

    private UnreadableBody() {
    }

    static ProblemDetail problem(Throwable cause) {
        Optional<String> ledgersOwn = ledgersOwnType(cause);
        if (ledgersOwn.isPresent()) {
            return new InvalidRequestException(List.of(InvalidRequestException.notPostable(ledgersOwn.get())))
                    .problem();
        }
        Optional<FieldProblem> field = fieldProblem(cause);
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
                field.map(FieldProblem::toString).orElseGet(() -> describe(cause)));
        field.ifPresent(fault -> problem.setProperty("errors", List.of(fault)));
        return problem;
    }

    /**
     * The type of an event that only the ledger writes, when the body named one: whatever else is wrong with such a
     * body (a {@code planned} without its plan), the type is the mistake to report, since no fix of the fields helps.
     */
    private static Optional<String> ledgersOwnType(Throwable cause) {
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            Object from = mapping.getPath().get(0).getFrom();
            Class<?> type = from instanceof Class<?> c ? c : from == null ? Object.class : from.getClass();
            if (LedgerEvent.class.isAssignableFrom(type) && !type.isInterface()
                    && !LedgerEvent.postable(type.asSubclass(LedgerEvent.class))) {
                return Optional.of(LedgerEvent.typeOf(type.asSubclass(LedgerEvent.class)));
            }
        }
        return Optional.empty();
    }

    /** The one field at fault, when there is one. */
    private static Optional<FieldProblem> fieldProblem(Throwable cause) {
        if (cause instanceof InvalidTypeIdException typeId) {
            return Optional.of(new FieldProblem("type", typeId.getTypeId() == null
                    ? "is required: every event names its contract type, such as \"phase-applied\""
                    : "unknown type '" + typeId.getTypeId() + "'; a runner posts one of " + POSTABLE_TYPES));
        }
        Optional<StreamReadException> duplicate = duplicate(cause);
        if (duplicate.isPresent()) {
            // The parser stopped at the second occurrence, so its context names the field.
            return Optional.of(new FieldProblem(path(duplicate.get().getProcessor().getParsingContext()),
                    "is given twice"));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return Optional.of(new FieldProblem(path(mapping), message(mapping)));
        }
        return Optional.empty();
    }

    /** Found at the top, or wrapped with the path of the list it was read in. */
    private static Optional<StreamReadException> duplicate(Throwable cause) {
        return ExceptionChain.cause(cause, StreamReadException.class).filter(reading ->
                reading.getOriginalMessage().startsWith(DUPLICATE) && reading.getProcessor() != null);
    }

    private static String message(JsonMappingException mapping) {
        if (mapping instanceof UnrecognizedPropertyException unknown) {
            return "unknown field; known fields are " + knownFields(unknown);
        }
        if (mapping instanceof MismatchedInputException mismatch
                && mismatch.getOriginalMessage().startsWith(MISSING_REQUIRED)) {
            return "is required";
        }
        if (mapping instanceof ValueInstantiationException instantiation) {
            return invalidValue(instantiation);
        }
        if (mapping instanceof InvalidNullException) {
            return "must not be null";
        }
        if (mapping instanceof MismatchedInputException mismatch
                && mismatch.getOriginalMessage().startsWith(JACKSONS)) {
            return "must be " + expected(mismatch);
        }
        return mapping.getOriginalMessage();
    }

    private static String describe(Throwable cause) {
        if (cause instanceof ValueInstantiationException instantiation) {
            return "body: " + invalidValue(instantiation);
        }
        if (cause instanceof MismatchedInputException mismatch && mismatch.getOriginalMessage().startsWith(TRAILING)) {
            return "malformed JSON: more follows the body's object; post one object per request";
        }
        if (cause instanceof MismatchedInputException) {
            return "the body must be a JSON object";
        }
        if (cause instanceof JsonMappingException mapping) {
            return mapping.getOriginalMessage();
        }
        if (cause instanceof JsonProcessingException parsing) {
            return "malformed JSON: " + SOURCE.matcher(parsing.getOriginalMessage()).replaceAll("line $1, column $2")
                    + (parsing.getLocation() == null ? "" : " at line " + parsing.getLocation().getLineNr()
                    + ", column " + parsing.getLocation().getColumnNr());
        }
        return "the request body is missing or is not JSON";
    }

    private static String invalidValue(ValueInstantiationException instantiation) {
        Throwable reason = instantiation.getCause() == null ? instantiation : instantiation.getCause();
        return "invalid value (" + reason.getMessage() + ")";
    }

    /** In the order a reader looks them up, with an event's {@code type}, which Jackson reads apart. */
    private static String knownFields(UnrecognizedPropertyException unknown) {
        Stream<String> fields = unknown.getKnownPropertyIds().stream().map(String::valueOf);
        if (unknown.getReferringClass() != null && LedgerEvent.class.isAssignableFrom(unknown.getReferringClass())) {
            fields = Stream.concat(Stream.of("type"), fields);
        }
        return fields.sorted().collect(Collectors.joining(", ", "[", "]"));
    }

    /** What the field takes, in JSON's words. */
    private static String expected(MismatchedInputException mismatch) {
        Class<?> type = mismatch.getTargetType();
        if (type == null) {
            return "of another JSON type";
        }
        if (type.isEnum()) {
            String message = mismatch.getOriginalMessage();
            int accepted = message.indexOf(ENUM_VALUES);
            return accepted < 0 ? "one of the names the contract lists"
                    : "one of " + message.substring(accepted + ENUM_VALUES.length());
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == UUID.class) {
            return "a UUID such as 5b0e6a52-3f1c-4c3e-9a59-0c3a3f0e2d11";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-05-12T02:04:51Z";
        }
        return Collection.class.isAssignableFrom(type) ? "an array" : "an object";
    }

    private static String path(JsonMappingException exception) {
        return dotted(exception.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? "." + reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining()));
    }

    private static String path(JsonStreamContext context) {
        Deque<String> steps = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            steps.addFirst(at.inArray() ? "[" + at.getCurrentIndex() + "]" : "." + at.getCurrentName());
        }
        return dotted(String.join("", steps));
    }

    private static String dotted(String path) {
        return path.startsWith(".") ? path.substring(1) : path.isEmpty() ? "body" : path;
    }
}
