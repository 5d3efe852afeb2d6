package io.ledger.migration;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids of the events the ledger writes itself. They are derived from what caused them rather than random, so that
 * replaying the same requests yields the same ledger.
 */
final class DerivedEventIds {

    /**
     * Derived ids are name-based (version 3) UUIDs of public names, which anyone can compute: posted events may not
     * use that version, or a sender could take an id the ledger will need and block a plan or lose a fact.
     */
    static final int VERSION = 3;

    private DerivedEventIds() {
    }

    static UUID planned(String migrationId) {
        return derive("planned/" + migrationId);
    }

    static UUID causedBy(UUID cause, String role) {
        return derive(cause + "/" + role);
    }

    private static UUID derive(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
