package io.ledger;

import io.ledger.api.PrecheckStatus;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.FlushResult;
import io.ledger.client.LedgerClient;
import io.ledger.client.SpooledException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A spool delivered to the real ledger: only the ledger's refusal of a request files it as refused, while a token
 * that may not post (an admin's) leaves every request spooled for a flush with a token that may.
 */
@LedgerServiceTest
class SpoolFlushIT {

    @LocalServerPort
    int port;

    @TempDir
    Path spool;

    @Test
    void aTokenThatMayNotPostKeepsTheSpoolAndTheLedgersOwnRefusalIsFiledApart() throws Exception {
        String planned = "spool-" + UUID.randomUUID() + "@staging";
        String neverPlanned = "spool-never-" + UUID.randomUUID() + "@staging";
        Ledgers.client(port).plan(SpoolingRunner.plan(planned, "orders-db"));
        try (LedgerClient down = SpoolingRunner.client("http://127.0.0.1:" + closedPort(), "mlg_any", spool)) {
            for (String migration : new String[] {planned, neverPlanned}) {
                assertThatThrownBy(() -> down.forMigration(migration).precheck("load", PrecheckStatus.PASSED, "n=1"))
                        .isInstanceOf(SpooledException.class);
            }
        }
        String url = "http://127.0.0.1:" + port;

        try (LedgerClient admin = SpoolingRunner.client(url, TestTokens.BOOTSTRAP, spool)) {
            FlushResult refused = admin.flush();
            assertThat(refused.delivered()).isZero();
            assertThat(refused.rejected()).isEmpty();
            assertThat(refused.pending()).isEqualTo(2);
            assertThat(refused.stopped()).contains("403");
        }
        try (LedgerClient runner = SpoolingRunner.client(url, TestTokens.ci(port), spool)) {
            FlushResult flushed = runner.flush();
            assertThat(flushed.delivered()).isEqualTo(1);
            assertThat(flushed.pending()).isZero();
            assertThat(flushed.rejected()).singleElement().satisfies(rejected -> {
                assertThat(rejected.migrationId()).isEqualTo(neverPlanned);
                assertThat(rejected.status()).isEqualTo(404);
            });
        }
        assertThat(Ledgers.client(port).events(planned)).extracting(RecordedEvent::event)
                .filteredOn(event -> event.type().equals("precheck-recorded")).hasSize(1);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
