package io.ledger;

import io.ledger.api.PrecheckStatus;
import io.ledger.api.access.Role;
import io.ledger.api.access.TokenScope;
import io.ledger.client.FlushResult;
import io.ledger.client.LedgerClient;
import io.ledger.client.SpooledException;
import io.ledger.client.internal.SpoolDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A spool delivered to the real ledger: only the token that spooled a request delivers it, so that it is recorded
 * with that token as its principal; the ledger's refusals of the token's own requests (a migration out of its scope,
 * one never planned) are filed as refused, and the rest delivered.
 */
@LedgerServiceTest
class SpoolFlushIT {

    @LocalServerPort
    int port;

    @TempDir
    Path spool;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void onlyTheTokenThatSpooledARequestDeliversItAndTheLedgersRefusalsOfItAreFiledApart() throws Exception {
        String planned = "spool-" + run + "@staging";
        String neverPlanned = "spool-never-" + run + "@staging";
        String outOfScope = "spool-billing-" + run + "@staging";
        Ledgers.client(port).plan(SpoolingRunner.plan(planned, "orders-db-" + run));
        Ledgers.client(port).plan(SpoolingRunner.plan(outOfScope, "billing-db-" + run));
        String runnerName = "spool-runner-" + run;
        String runner = TestTokens.issue(port, runnerName, List.of(Role.RUNNER),
                new TokenScope(List.of("orders-db-" + run), List.of("staging")));
        try (LedgerClient down = SpoolingRunner.client("http://127.0.0.1:" + closedPort(), runner, spool)) {
            for (String migration : List.of(planned, neverPlanned, outOfScope)) {
                assertThatThrownBy(() -> down.forMigration(migration).precheck("load", PrecheckStatus.PASSED, "n=1"))
                        .isInstanceOf(SpooledException.class);
            }
        }
        String url = "http://127.0.0.1:" + port;
        Path queue = spool.resolve(SpoolDirectory.queueName(runner)).toRealPath();

        try (LedgerClient admin = SpoolingRunner.client(url, TestTokens.BOOTSTRAP, spool)) {
            FlushResult others = admin.flush();
            assertThat(others.delivered()).isZero();
            assertThat(others.pending()).isZero();
            assertThat(others.otherTokens()).containsOnly(entry(queue, 3));
        }
        try (LedgerClient own = SpoolingRunner.client(url, runner, spool)) {
            FlushResult flushed = own.flush();
            assertThat(flushed.delivered()).isEqualTo(1);
            assertThat(flushed.pending()).isZero();
            assertThat(flushed.rejected()).extracting(FlushResult.RejectedRequest::migrationId,
                    FlushResult.RejectedRequest::status)
                    .containsExactly(tuple(neverPlanned, 404), tuple(outOfScope, 403));
        }
        assertThat(Ledgers.client(port).events(planned))
                .filteredOn(recorded -> recorded.event().type().equals("precheck-recorded"))
                .singleElement().satisfies(recorded -> assertThat(recorded.principal()).isEqualTo(runnerName));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
