package io.ledger.web;

import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;

/**
 * Failures a retry may outlast: the database unreachable or restarting, a connection not to be had in time, two
 * writers racing on a migration. Such a request is answered {@code 503} with {@code Retry-After}, which runners
 * retry safely because events are idempotent by eventId.
 */
final class TransientFailures {

    static final String RETRY_AFTER_SECONDS = "1";

    private TransientFailures() {
    }

    static boolean isTransient(Throwable exception) {
        return causedBy(exception, ConcurrencyException.class)
                || causedBy(exception, TransientDataAccessException.class)
                || causedBy(exception, CannotGetJdbcConnectionException.class)
                || causedBy(exception, SQLTransientException.class)
                || causedBy(exception, SQLRecoverableException.class)
                || sqlState(exception).map(state -> state.startsWith("08") || state.startsWith("57P")).orElse(false);
    }

    static ProblemDetail problem() {
        return Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
                "the ledger could not commit this request right now; retry it with the same eventId");
    }

    private static Optional<String> sqlState(Throwable exception) {
        return ExceptionChain.cause(exception, SQLException.class).map(SQLException::getSQLState);
    }

    private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
        return ExceptionChain.cause(exception, type).isPresent();
    }
}
