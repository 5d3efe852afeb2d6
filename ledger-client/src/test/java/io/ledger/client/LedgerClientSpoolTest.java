package io.ledger.client;

import io.ledger.api.event.LedgerEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LedgerClientSpoolTest {

    private static final String MIGRATION = "orders-status-v42@staging";
    private static final RetryPolicy QUICK = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), 2.0);

    private static final String NOT_PLANNED = """
            {"type": "urn:migration-ledger:problem:migration-not-found", "title": "Migration not found", "status": 404}
            """;

    private final StubLedger ledger = StubLedger.start();

    @TempDir
    Path spool;

    @AfterEach
    void stopLedger() {
        ledger.close();
    }

    @Test
    void aFactTheLedgerDidNotAcknowledgeIsSpooledAndSaysSo() throws IOException {
        LedgerClient down = downClient();

        SpooledException spooled = catchSpooled(() -> down.forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null));

        assertThat(spooled.spool()).isEqualTo(spool.toRealPath());
        assertThat(spooled.event()).isPresent();
        assertThat(spooled.getCause()).isInstanceOf(LedgerUnavailableException.class);
        assertThat(Files.readString(spool.resolve("spool.log"))).contains(spooled.event().get().eventId().toString());
    }

    @Test
    void theNextClientOnTheSpoolDeliversItFirstWithTheSameEventIdThenTheNewEvent() {
        LedgerClient down = downClient();
        UUID first = catchSpooled(() -> down.forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null))
                .event().map(LedgerEvent::eventId).orElseThrow();
        UUID second = catchSpooled(() -> down.forMigration(MIGRATION).progress("backfill", 2.0, 2L, 100L, null))
                .event().map(LedgerEvent::eventId).orElseThrow();

        LedgerClient up = ledger.client().spool(spool).build();
        UUID third = up.forMigration(MIGRATION).progress("backfill", 3.0, 3L, 100L, null).event().eventId();

        assertThat(ledger.received()).extracting(received -> received.json().get("eventId").asText())
                .containsExactly(first.toString(), second.toString(), third.toString());
    }

    @Test
    void aGateIsNeverSpooled() {
        LedgerClient down = downClient();

        assertThatExceptionOfType(LedgerUnavailableException.class)
                .isThrownBy(() -> down.forMigration(MIGRATION).startPhase("backfill"));
        assertThat(down.flush().pending()).isZero();
    }

    @Test
    void aGateWaitsBehindTheMigrationsSpooledEventsWhileTheyCannotBeDelivered() {
        LedgerClient down = downClient();
        catchSpooled(() -> down.forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null));

        assertThatExceptionOfType(LedgerUnavailableException.class)
                .isThrownBy(() -> down.forMigration(MIGRATION).startPhase("backfill"))
                .withMessageContaining("wait in the spool");
    }

    @Test
    void aSpoolThatCannotBeLockedStopsEveryCallWithASpoolFailureNamingTheFile() throws IOException {
        catchSpooled(() -> downClient().forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null));
        // As a lock file another user owns would: root, which runs some builds, may open any file but no directory.
        Files.createDirectory(spool.resolve("flush.lock"));
        LedgerClient up = ledger.client().spool(spool).build();

        assertThatExceptionOfType(SpoolFailedException.class)
                .isThrownBy(() -> up.forMigration(MIGRATION).progress("backfill", 2.0, 2L, 100L, null))
                .withMessageStartingWith("cannot lock the spool ").withMessageContaining("flush.lock")
                .satisfies(failed -> assertThat(failed.spool()).isEqualTo(spool.toRealPath()));
        assertThatExceptionOfType(SpoolFailedException.class)
                .isThrownBy(() -> up.forMigration(MIGRATION).startPhase("backfill"));
        assertThatExceptionOfType(SpoolFailedException.class).isThrownBy(() -> up.events(MIGRATION));
        assertThatExceptionOfType(SpoolFailedException.class).isThrownBy(up::flush);
        assertThat(ledger.received()).isEmpty();
        assertThat(Files.readString(spool.resolve("spool.log")).lines()).hasSize(1);
    }

    @Test
    void flushFilesARefusedRequestAsRejectedAndDeliversTheRest() throws IOException {
        LedgerClient down = downClient();
        catchSpooled(() -> down.forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null));
        catchSpooled(() -> down.forMigration(MIGRATION).progress("backfill", 2.0, 2L, 100L, null));
        ledger.answer(404, NOT_PLANNED);

        FlushResult result = ledger.client().spool(spool).build().flush();

        assertThat(result.delivered()).isEqualTo(1);
        assertThat(result.pending()).isZero();
        assertThat(result.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.status()).isEqualTo(404);
            assertThat(rejected.migrationId()).isEqualTo(MIGRATION);
        });
        assertThat(Files.readString(spool.resolve("rejected.log"))).contains("Migration not found");
    }

    @Test
    void aTokenTheLedgerDoesNotAcceptLeavesTheSpoolAsItWas() throws IOException {
        LedgerClient down = downClient();
        catchSpooled(() -> down.forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null));
        ledger.answer(401, "{\"title\": \"Unauthenticated\", \"status\": 401}");

        FlushResult result = ledger.client().spool(spool).build().flush();

        assertThat(result.delivered()).isZero();
        assertThat(result.rejected()).isEmpty();
        assertThat(result.pending()).isEqualTo(1);
        assertThat(result.stopped()).isEqualTo("the ledger refused the token (401): Unauthenticated");
        assertThat(spool.resolve("rejected.log")).doesNotExist();
    }

    @Test
    void aCallSpooledBehindRequestsTheLedgerRefusedTheTokenForSaysWhyTheyWait() {
        catchSpooled(() -> downClient().forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null));
        ledger.answer(401, "{\"title\": \"Unauthenticated\", \"status\": 401}");
        LedgerClient revoked = ledger.client().spool(spool).build();

        SpooledException spooled = catchSpooled(() -> revoked.forMigration(MIGRATION)
                .progress("backfill", 2.0, 2L, 100L, null));

        assertThat(spooled.getCause()).hasMessageContaining("delivery stopped: the ledger refused the token (401)");
        assertThatExceptionOfType(LedgerUnavailableException.class)
                .isThrownBy(() -> revoked.forMigration(MIGRATION).startPhase("backfill"))
                .havingCause().withMessageContaining("the ledger refused the token (401)");
    }

    @Test
    void aTokenWithoutTheRightToPostLeavesTheSpoolAsItWas() {
        catchSpooled(() -> downClient().forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null));
        ledger.answer(403, "{\"type\": \"urn:migration-ledger:problem:forbidden\", \"title\": \"Forbidden\"}");

        FlushResult result = ledger.client().spool(spool).build().flush();

        assertThat(result.rejected()).isEmpty();
        assertThat(result.pending()).isEqualTo(1);
        assertThat(result.stopped()).startsWith("the ledger refused the token (403)");
        assertThat(spool.resolve("rejected.log")).doesNotExist();
    }

    @Test
    void aRedirectStopsTheFlushAndLeavesTheSpoolAsItWas() {
        catchSpooled(() -> downClient().forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null));
        ledger.answerAs(307, "text/html", "<html>moved</html>", "Location", "https://elsewhere.example.com/");

        FlushResult result = ledger.client().spool(spool).build().flush();

        assertThat(result.rejected()).isEmpty();
        assertThat(result.pending()).isEqualTo(1);
        assertThat(result.stopped()).contains("307").contains("a redirect");
        assertThat(spool.resolve("rejected.log")).doesNotExist();
    }

    @Test
    void aProxysPageAnsweredWithOkIsNotCountedAsDelivered() {
        catchSpooled(() -> downClient().forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null));
        ledger.answerAs(200, "text/html", "<html>welcome to nginx</html>");

        FlushResult result = ledger.client().spool(spool).build().flush();

        assertThat(result.delivered()).isZero();
        assertThat(result.pending()).isEqualTo(1);
        assertThat(result.stopped()).contains("200 text/html");
    }

    @Test
    void aNotFoundThatIsNotTheLedgersUnknownMigrationLeavesTheSpoolAsItWas() {
        catchSpooled(() -> downClient().forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null));
        // What the ledger answers for a path it does not serve, as behind a wrong --url prefix.
        ledger.answer(404, "{\"type\": \"urn:migration-ledger:problem:not-found\", \"title\": \"Not Found\"}");

        FlushResult result = ledger.client().spool(spool).build().flush();

        assertThat(result.rejected()).isEmpty();
        assertThat(result.pending()).isEqualTo(1);
        assertThat(spool.resolve("rejected.log")).doesNotExist();
    }

    @Test
    void aPostInterruptedWhileItWaitsToRetryIsSpooledAndStaysInterrupted() throws Exception {
        LedgerClient slow = downClientBuilder()
                .retryPolicy(new RetryPolicy(10, Duration.ofSeconds(2), Duration.ofSeconds(2), 1.0)).build();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        boolean[] interrupted = {false};
        Thread runner = new Thread(() -> {
            try {
                slow.forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null);
            } catch (RuntimeException e) {
                thrown.set(e);
                interrupted[0] = Thread.currentThread().isInterrupted();
            }
        });
        runner.start();
        Thread.sleep(300);
        runner.interrupt();
        runner.join(10_000);

        assertThat(thrown.get()).isInstanceOf(SpooledException.class);
        assertThat(interrupted[0]).isTrue();
        assertThat(Files.size(spool.resolve("spool.log"))).isPositive();
    }

    @Test
    void readingAMigrationDeliversWhatTheSpoolHoldsFirst() {
        catchSpooled(() -> downClient().forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null));

        ledger.client().spool(spool).build().events(MIGRATION);

        assertThat(ledger.received()).extracting(StubLedger.Received::method).containsExactly("POST", "GET");
    }

    @Test
    void aFullSpoolRefusesWithTheDirectoryAndCapacity() {
        LedgerClient tiny = downClientBuilder().spoolCapacity(100).build();

        assertThatExceptionOfType(SpoolFullException.class)
                .isThrownBy(() -> tiny.forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null))
                .satisfies(full -> assertThat(full.capacityBytes()).isEqualTo(100))
                .withMessageContaining(spool.getFileName().toString());
    }

    @Test
    void flushWithoutASpoolIsRefused() {
        assertThatIllegalStateException().isThrownBy(() -> ledger.client().build().flush());
    }

    @Test
    void theBackgroundFlusherDeliversWhatWasSpooled() throws Exception {
        catchSpooled(() -> downClient().forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null));

        try (LedgerClient up = ledger.client().spool(spool).backgroundFlush(Duration.ofMillis(20)).build()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (ledger.received().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }

        assertThat(ledger.received()).hasSize(1);
    }

    private LedgerClient downClient() {
        return downClientBuilder().build();
    }

    private LedgerClient.Builder downClientBuilder() {
        return LedgerClient.builder().baseUrl(URI.create("http://127.0.0.1:" + closedPort())).token(StubLedger.TOKEN)
                .retryPolicy(QUICK).spool(spool);
    }

    private static SpooledException catchSpooled(Runnable call) {
        try {
            call.run();
        } catch (SpooledException e) {
            return e;
        }
        throw new AssertionError("expected the call to be spooled");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
