package io.ledger.platform;

import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;

/**
 * Failures a retry may outlast: the database unreachable or restarting, a connection not to be had in time, two
 * writers racing on a migration. A request that meets one is answered {@code 503} with {@code Retry-After}, which
 * runners retry safely because events are idempotent by eventId; a scheduled task runs again at its next turn.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable exception) {
        return causedBy(exception, ConcurrencyException.class)
                || causedBy(exception, TransientDataAccessException.class)
                || causedBy(exception, CannotGetJdbcConnectionException.class)
                || causedBy(exception, SQLTransientException.class)
                || causedBy(exception, SQLRecoverableException.class)
                || sqlState(exception).map(state -> state.startsWith("08") || state.startsWith("57P")).orElse(false);
    }

    private static Optional<String> sqlState(Throwable exception) {
        return ExceptionChain.cause(exception, SQLException.class).map(SQLException::getSQLState);
    }

    private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
        return ExceptionChain.cause(exception, type).isPresent();
    }
}
