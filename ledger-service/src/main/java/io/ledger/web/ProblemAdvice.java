package io.ledger.web;

import io.ledger.platform.ExceptionChain;
import io.ledger.platform.TransientFailures;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.Optional;

/**
 * Turns every error into a problem detail that names the field or rule at fault. Malformed input is a {@code 4xx};
 * a database that cannot take a write right now is a {@code 503} with {@code Retry-After} (TransientFailures).
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final URI ABOUT_BLANK = URI.create("about:blank");

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
        if (TransientFailures.isTransient(exception)) {
            LOG.warn("Asked the caller to retry: {}", exception.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, TransientFailureFilter.RETRY_AFTER_SECONDS)
                    .body(TransientFailureFilter.problem());
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
                ExceptionChain.cause(exception, BodySizeLimitFilter.BodyTooLargeException.class);
        if (tooLarge.isPresent()) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                    .body(BodySizeLimitFilter.tooLarge(tooLarge.get().maxBytes()));
        }
        return ResponseEntity.badRequest().body(UnreadableBody.problem(exception.getCause()));
    }
}
