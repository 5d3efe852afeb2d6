package io.ledger;

import io.ledger.api.Runner;
import io.ledger.client.LedgerClient;
import io.ledger.client.RetryPolicy;

import java.time.Duration;

/** Clients of a running ledger, as runners build them. */
public final class Ledgers {

    public static final Runner CI = new Runner("flyway", "11.3", "ci-7");

    private Ledgers() {
    }

    public static LedgerClient client(int port) {
        return LedgerClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .token(TestTokens.ci(port))
                .actor("ci-runner")
                .runner(CI)
                .retryPolicy(new RetryPolicy(8, Duration.ofMillis(50), Duration.ofSeconds(2), 2.0))
                .build();
    }
}
