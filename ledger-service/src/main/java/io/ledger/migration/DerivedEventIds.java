package io.ledger.migration;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids of the events the ledger writes itself. They are derived from what caused them rather than random, so that
 * replaying the same requests yields the same ledger.
 */
final class DerivedEventIds {

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
