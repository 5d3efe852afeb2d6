package io.ledger.client;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The spool's files could not be used (lock files another user owns, a disk that fails), so the client could not
 * tell whether the migration has requests waiting to go first: the request was <em>neither sent nor spooled</em>
 * (or, from {@link LedgerClient#flush()}, nothing was delivered). Fix the spool directory and call again; what it
 * holds stays for the next flush.
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
