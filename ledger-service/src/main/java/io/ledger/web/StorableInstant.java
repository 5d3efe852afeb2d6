package io.ledger.web;

import java.time.Instant;
import java.util.Optional;

/**
 * Instants the ledger can store and compute with: the years 0001 through 9999. Java reads instants a billion years
 * either way, but PostgreSQL's timestamps end at 4713 BC and 294276 AD, and an instant past either stops for good
 * every read model that copies it into a column (a replay meets it again). Years outside 0001-9999 are where
 * PostgreSQL's driver and ISO-8601 text bend (a year 0, a sign before the year), so none is taken from outside.
 */
public final class StorableInstant {

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");

    private StorableInstant() {
    }

    /** Why the ledger cannot take this instant, or empty when it can. */
    public static Optional<String> problem(Instant instant) {
        if (instant.isBefore(FIRST) || !instant.isBefore(END)) {
            return Optional.of("must be in the years 0001 through 9999 (from " + FIRST + ", before " + END
                    + "), was " + instant);
        }
        return Optional.empty();
    }

    /** Whether the ledger can take this instant. */
    public static boolean storable(Instant instant) {
        return problem(instant).isEmpty();
    }
}
