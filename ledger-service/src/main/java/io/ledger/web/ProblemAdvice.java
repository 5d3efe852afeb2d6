package io.ledger.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.ledger.api.event.LedgerEvent;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns every error into a problem detail that names the field or rule at fault. Malformed input is a {@code 4xx};
 * a database that cannot take a write right now is a {@code 503} with {@code Retry-After}, which runners retry
 * safely because events are idempotent by eventId.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final String RETRY_AFTER_SECONDS = "1";
    /** Jackson's wording for a required field left out, which has no exception type of its own. */
    private static final String MISSING_REQUIRED = "Missing required creator property";
    /** How Jackson's own type-mismatch messages start, as opposed to the ones the ledger's checks raise. */
    private static final String JACKSONS = "Cannot ";
    private static final URI ABOUT_BLANK = URI.create("about:blank");
    private static final String ENUM_VALUES = "not one of the values accepted for Enum class: ";

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException exception) {
        return ResponseEntity.badRequest().body(exception.problem());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException exception) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.problem(HttpStatus.NOT_FOUND,
                "migration-not-found", "Migration not found",
                "no migration " + exception.getAggregateIdentifier() + " is planned"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        if (isTransient(exception)) {
            LOG.warn("Asked the caller to retry: {}", exception.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .body(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
                            "the ledger could not commit this request right now; retry it with the same eventId"));
        }
        LOG.error("Unexpected failure", exception);
        return ResponseEntity.internalServerError().body(Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error", "Internal error", "the ledger failed unexpectedly; nothing was acknowledged"));
    }

    /**
     * Spring's own problems (an unsupported media type, a method not allowed, no such path) come typed
     * {@code about:blank}; they get a type of the ledger's like every other problem, so clients can switch on it.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem && ABOUT_BLANK.equals(problem.getType())) {
            problem.setType(Problems.type(Problems.kind(status.value())));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Optional<BodySizeLimitFilter.BodyTooLargeException> tooLarge =
                cause(exception, BodySizeLimitFilter.BodyTooLargeException.class);
        if (tooLarge.isPresent()) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                    .body(BodySizeLimitFilter.tooLarge(tooLarge.get().maxBytes()));
        }
        Optional<String> ledgersOwn = ledgersOwnType(exception.getCause());
        if (ledgersOwn.isPresent()) {
            return ResponseEntity.badRequest().body(new InvalidRequestException(
                    List.of(InvalidRequestException.notPostable(ledgersOwn.get()))).problem());
        }
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
                describe(exception.getCause()));
        if (exception.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            problem.setProperty("errors", List.of(new InvalidRequestException.FieldProblem(path(mapping), describe(mapping))));
        }
        return ResponseEntity.badRequest().body(problem);
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

    private static String describe(Throwable cause) {
        if (cause instanceof InvalidTypeIdException typeId) {
            return typeId.getTypeId() == null
                    ? "missing type: every event names its contract type, such as \"type\": \"phase-applied\""
                    : "unknown type '" + typeId.getTypeId() + "'";
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return path(unknown) + ": unknown field; known fields are " + unknown.getKnownPropertyIds();
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
                && mismatch.getOriginalMessage().startsWith(MISSING_REQUIRED)) {
            return path(mismatch) + ": is required";
        }
        if (cause instanceof ValueInstantiationException instantiation) {
            Throwable reason = instantiation.getCause() == null ? instantiation : instantiation.getCause();
            return path(instantiation) + ": invalid value (" + reason.getMessage() + ")";
        }
        if (cause instanceof MismatchedInputException mismatch && mismatch.getPath().isEmpty()) {
            return "the body must be a JSON object";
        }
        if (cause instanceof MismatchedInputException mismatch && mismatch.getOriginalMessage().startsWith(JACKSONS)) {
            return path(mismatch) + ": must be " + expected(mismatch);
        }
        if (cause instanceof JsonMappingException mapping) {
            return (mapping.getPath().isEmpty() ? "" : path(mapping) + ": ") + mapping.getOriginalMessage();
        }
        if (cause instanceof JsonProcessingException parsing) {
            return "malformed JSON: " + parsing.getOriginalMessage()
                    + (parsing.getLocation() == null ? "" : " at line " + parsing.getLocation().getLineNr()
                    + ", column " + parsing.getLocation().getColumnNr());
        }
        return "the request body is missing or is not JSON";
    }

    /**
     * What the field takes, in JSON's words: Jackson's own messages name Java types ("Cannot coerce Integer value
     * (123) to `java.lang.String`"), which mean nothing to a runner written in another language.
     */
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
        String path = exception.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? "." + reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining());
        return path.startsWith(".") ? path.substring(1) : path.isEmpty() ? "body" : path;
    }

    private static boolean isTransient(Throwable exception) {
        return causedBy(exception, ConcurrencyException.class) || causedBy(exception, TransientDataAccessException.class)
                || causedBy(exception, CannotGetJdbcConnectionException.class)
                || causedBy(exception, SQLTransientException.class) || causedBy(exception, SQLRecoverableException.class)
                || sqlState(exception).map(state -> state.startsWith("08") || state.startsWith("57P")).orElse(false);
    }

    private static Optional<String> sqlState(Throwable exception) {
        return cause(exception, SQLException.class).map(SQLException::getSQLState);
    }

    private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
        return cause(exception, type).isPresent();
    }

    private static <T extends Throwable> Optional<T> cause(Throwable exception, Class<T> type) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }
}
