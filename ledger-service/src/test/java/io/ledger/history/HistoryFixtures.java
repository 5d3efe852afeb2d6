package io.ledger.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledger.TestTokens;
import io.ledger.Ledgers;
import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStep;
import io.ledger.api.Phase;
import io.ledger.api.Severity;
import io.ledger.client.LedgerClient;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

import static io.ledger.ReadModels.get;
import static io.ledger.ReadModels.json;

/** Plans in the contract's words and the history endpoint, for the history tests. */
final class HistoryFixtures {

    private HistoryFixtures() {
    }

    static MigrationPlan plan(String id, String database, String environment, String version, String description,
            List<String> requiredPrechecks, String... phases) {
        return new MigrationPlan(id, database, environment, version, description, "sha256:" + version,
                MigrationKind.SCHEMA, MigrationStep.EXPAND, "alice", List.of("bob"), Severity.MEDIUM, 60L, null,
                Arrays.stream(phases).map(name -> new Phase(name, "ALTER TABLE orders -- " + name,
                        "SELECT 1", "ALTER TABLE orders -- undo " + name, false, 5L)).toList(),
                requiredPrechecks, List.of());
    }

    /** A client whose events name {@code actor} as who posted them. */
    static LedgerClient clientAs(int port, String actor) {
        return LedgerClient.builder().baseUrl("http://127.0.0.1:" + port).token(TestTokens.ci(port)).actor(actor)
                .runner(Ledgers.CI).build();
    }

    static JsonNode history(int port, String query) {
        HttpResponse<String> response = get(port, "/api/v1/history?" + query, null);
        if (response.statusCode() != 200) {
            throw new AssertionError(response.statusCode() + " " + response.body());
        }
        return json(response);
    }
}
