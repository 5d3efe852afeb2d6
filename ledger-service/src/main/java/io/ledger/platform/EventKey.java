package io.ledger.platform;

import org.springframework.jdbc.core.PreparedStatementSetter;

import java.util.List;

/** One stored event by its migration and sequence, the unique key of {@code domainevententry}. */
public record EventKey(String migrationId, long sequence) {

    /**
     * Binds {@code keys} as the two arrays, migrations then sequences, that a query reads with
     * {@code unnest(?, ?)}: one statement for a whole batch of events.
     */
    public static PreparedStatementSetter asArrays(List<EventKey> keys) {
        return statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("varchar",
                    keys.stream().map(EventKey::migrationId).toArray()));
            statement.setArray(2, statement.getConnection().createArrayOf("bigint",
                    keys.stream().map(EventKey::sequence).toArray()));
        };
    }
}
