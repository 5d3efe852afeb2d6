package io.ledger.client;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The spool's files could not be used (lock files another user owns, a disk that fails or is full), whether before
 * sending, when the client could not tell if the migration has requests waiting to go first, or when a request the
 * ledger did not acknowledge was to be spooled (why it was not acknowledged is suppressed here): the request was
 * <em>neither sent nor spooled</em>, or not acknowledged and not spooled (or, from {@link LedgerClient#flush()},
 * nothing was delivered). Fix the spool directory and call again; what it holds stays for the next flush.
 */
public final class SpoolFailedException extends LedgerException {

    private final Path spool;

    SpoolFailedException(Path spool, UncheckedIOException cause) {
        super(cause.getMessage() + ": " + cause.getCause().getClass().getSimpleName() + " "
                + cause.getCause().getMessage(), cause);
        this.spool = spool;
    }

    public Path spool() {
        return spool;
    }
}
