package io.ledger.timeline;

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
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static io.ledger.ReadModels.get;
import static io.ledger.ReadModels.json;

/** Plans in the contract's words and raw HTTP reads, for the timeline tests. */
final class TimelineFixtures {

    private TimelineFixtures() {
    }

    static MigrationPlan plan(String id, String database, List<String> requiredPrechecks, String... phases) {
        return new MigrationPlan(id, database, "prod", "42", "Add status column to orders", "sha256:42",
                MigrationKind.SCHEMA, MigrationStep.EXPAND, "alice", List.of("bob"), Severity.HIGH, 60L, null,
                Arrays.stream(phases).map(name -> new Phase(name, "ALTER TABLE orders -- " + name, "SELECT 1",
                        "ALTER TABLE orders -- undo " + name, false, 5L)).toList(),
                requiredPrechecks, List.of());
    }

    /** A runner whose clock runs {@code ahead} of the ledger's: its events claim to occur that much later. */
    static LedgerClient clientAhead(int port, Duration ahead) {
        return LedgerClient.builder().baseUrl("http://127.0.0.1:" + port).token(TestTokens.ci(port))
                .actor("ci-runner").runner(Ledgers.CI)
                .clock(Clock.offset(Clock.systemUTC(), ahead)).build();
    }

    static JsonNode ok(int port, String pathAndQuery) {
        HttpResponse<String> response = get(port, pathAndQuery, null);
        if (response.statusCode() != 200) {
            throw new AssertionError(pathAndQuery + " answered " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }
}
