package io.ledger.client;

import java.nio.file.Path;

/**
 * The ledger did not acknowledge the request and the spool has no room for it: it was <em>neither recorded nor
 * spooled</em>. The spool frees its room once everything in it was delivered ({@code ledger flush}).
 */
public final class SpoolFullException extends LedgerException {

    private final Path spool;
    private final long capacityBytes;

    SpoolFullException(Path spool, long capacityBytes, Throwable cause) {
        super("the spool " + spool + " is full (capacity " + capacityBytes
                + " bytes): the request was neither recorded nor spooled", cause);
        this.spool = spool;
        this.capacityBytes = capacityBytes;
    }

    public Path spool() {
        return spool;
    }

    public long capacityBytes() {
        return capacityBytes;
    }
}
