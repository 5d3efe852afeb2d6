package io.ledger.client;

import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.Phase;
import io.ledger.api.event.LedgerEvent;
import io.ledger.client.internal.Spool;
import io.ledger.client.internal.SpoolDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LedgerClientSpoolTest {

    private static final String MIGRATION = "orders-status-v42@staging";
    private static final RetryPolicy QUICK = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), 2.0);

    private static final String OUT_OF_SCOPE = """
            {"type": "urn:migration-ledger:problem:forbidden", "title": "Forbidden", "status": 403,
             "detail": "token ci may not write to other@prod"}
            """;
    private static final String PLAN_CONFLICT = """
            {"type": "urn:migration-ledger:problem:plan-conflict", "title": "Plan conflict", "status": 409,
             "detail": "planned already with another plan"}
            """;
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

        assertThat(spooled.spool()).isEqualTo(queue().toRealPath());
        assertThat(spooled.event()).isPresent();
        assertThat(spooled.getCause()).isInstanceOf(LedgerUnavailableException.class);
        assertThat(Files.readString(queue().resolve("spool.log"))).contains(spooled.event().get().eventId().toString());
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
    void aFactAnsweredWithAPageThatIsNotTheLedgersIsSpooledNotLost() throws IOException {
        ledger.answerAs(404, "text/html", "<html>Not Found</html>");

        SpooledException spooled = catchSpooled(() -> ledger.client().spool(spool).build().forMigration(MIGRATION)
                .progress("backfill", 1.0, 1L, 100L, null));

        assertThat(spooled.getCause()).hasMessageContaining("an answer that is not the ledger's");
        assertThat(Files.readString(queue().resolve("spool.log"))).contains(spooled.event().get().eventId().toString());
    }

    @Test
    void aFactThatCouldBeNeitherDeliveredNorSpooledSaysTheDisksFailure() throws IOException {
        // As a full disk would: the append cannot write spool.log, here a link to a directory that is not there.
        Files.createDirectories(queue());
        Files.createSymbolicLink(queue().resolve("spool.log"), spool.resolve("gone").resolve("spool.log"));

        assertThatExceptionOfType(SpoolFailedException.class)
                .isThrownBy(() -> downClient().forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null))
                .withMessageContaining("NoSuchFileException")
                .satisfies(failed -> assertThat(failed.getSuppressed()).singleElement()
                        .isInstanceOf(LedgerUnavailableException.class));
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
        Files.createDirectory(queue().resolve("flush.lock"));
        LedgerClient up = ledger.client().spool(spool).build();

        assertThatExceptionOfType(SpoolFailedException.class)
                .isThrownBy(() -> up.forMigration(MIGRATION).progress("backfill", 2.0, 2L, 100L, null))
                .withMessageStartingWith("cannot lock the spool ").withMessageContaining("flush.lock")
                .satisfies(failed -> assertThat(failed.spool()).isEqualTo(queue().toRealPath()));
        assertThatExceptionOfType(SpoolFailedException.class)
                .isThrownBy(() -> up.forMigration(MIGRATION).startPhase("backfill"));
        assertThatExceptionOfType(SpoolFailedException.class).isThrownBy(() -> up.events(MIGRATION));
        assertThatExceptionOfType(SpoolFailedException.class).isThrownBy(up::flush);
        assertThat(ledger.received()).isEmpty();
        assertThat(Files.readString(queue().resolve("spool.log")).lines()).hasSize(1);
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
        assertThat(Files.readString(queue().resolve("rejected.log"))).contains("Migration not found");
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
        assertThat(queue().resolve("rejected.log")).doesNotExist();
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
    void aRequestItsOwnTokenMayNotPostIsRefusedForGoodSinceATokensRightsNeverChange() throws IOException {
        catchSpooled(() -> downClient().forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null));
        catchSpooled(() -> downClient().forMigration("other@prod").progress("backfill", 1.0, 1L, 100L, null));
        ledger.answer(403, OUT_OF_SCOPE);

        FlushResult result = ledger.client().spool(spool).build().flush();

        assertThat(result.rejected()).singleElement().satisfies(refused -> assertThat(refused.status()).isEqualTo(403));
        assertThat(result.delivered()).isEqualTo(1);
        assertThat(result.pending()).isZero();
        assertThat(Files.readString(queue().resolve("rejected.log"))).contains("may not write");
    }

    @Test
    void whatOlderClientsSpooledIsDeliveredWithAnyTokenFirstAndATokenWithoutTheRightLeavesIt() {
        new Spool(spool, 1 << 20).append(new Spool.Entry(Spool.Kind.EVENT, MIGRATION,
                "{\"type\":\"progress\",\"eventId\":\"3c1f6a2e-8d4b-4f7e-9a55-0b6c7d8e9f01\"}".getBytes(UTF_8)));
        ledger.answer(403, OUT_OF_SCOPE);
        LedgerClient up = ledger.client().spool(spool).build();

        FlushResult refused = up.flush();
        FlushResult flushed = up.flush();

        assertThat(refused.rejected()).isEmpty();
        assertThat(refused.pending()).isEqualTo(1);
        assertThat(refused.stopped()).startsWith("the ledger refused the token (403)");
        assertThat(flushed.delivered()).isEqualTo(1);
        assertThat(ledger.received()).extracting(received -> received.json().get("eventId").asText())
                .containsExactly("3c1f6a2e-8d4b-4f7e-9a55-0b6c7d8e9f01", "3c1f6a2e-8d4b-4f7e-9a55-0b6c7d8e9f01");
    }

    @Test
    void anotherTokensSpooledRequestsAreLeftToItAndGoFirstInTheirMigration() throws IOException {
        catchSpooled(() -> downClient().forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null));
        LedgerClient other = ledger.client().token("mlg_another-runner").spool(spool).build();

        FlushResult nothingOfItsOwn = other.flush();

        assertThat(nothingOfItsOwn.delivered()).isZero();
        assertThat(nothingOfItsOwn.otherTokens()).containsOnly(entry(queue().toRealPath(), 1));
        assertThatExceptionOfType(LedgerUnavailableException.class)
                .isThrownBy(() -> other.forMigration(MIGRATION).progress("backfill", 2.0, 2L, 100L, null))
                .havingCause().withMessageContaining("spooled with another token wait in " + queue().toRealPath())
                .withMessageEndingWith("this request was neither sent nor spooled");
        assertThatExceptionOfType(LedgerUnavailableException.class)
                .isThrownBy(() -> other.forMigration(MIGRATION).startPhase("backfill"));
        assertThat(other.forMigration("unrelated@staging").progress("p", 1.0, 1L, 1L, null)).isNotNull();
        assertThat(ledger.received()).singleElement().satisfies(only ->
                assertThat(only.rawPath()).contains("unrelated"));

        assertThat(ledger.client().spool(spool).build().flush().delivered()).isEqualTo(1);

        assertThat(other.forMigration(MIGRATION).progress("backfill", 2.0, 2L, 100L, null)).isNotNull();
        assertThat(ledger.received()).extracting(StubLedger.Received::authorization)
                .containsExactly("Bearer mlg_another-runner", "Bearer " + StubLedger.TOKEN,
                        "Bearer mlg_another-runner");
    }

    @Test
    void refusalsOfSpooledRequestsDeliveredOnTheWayAreToldAtTheMigrationsNextRequest() {
        LedgerClient down = downClient();
        catchSpooled(() -> down.plan(new MigrationPlan(MIGRATION, "orders", "staging", "42", null, null,
                MigrationKind.DATA, null, "alice", null, null, null, null,
                List.of(new Phase("backfill", "UPDATE t SET s = 0", null, null, false, null)), null, null)));
        catchSpooled(() -> down.forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null));
        ledger.answer(409, PLAN_CONFLICT);
        LedgerClient up = ledger.client().spool(spool).build();

        assertThatExceptionOfType(SpoolRefusedException.class)
                .isThrownBy(() -> up.forMigration(MIGRATION).startPhase("backfill"))
                .satisfies(told -> assertThat(told.refused()).extracting(FlushResult.RejectedRequest::kind)
                        .containsExactly("plan", "event"))
                .withMessageContaining("plan 409: planned already with another plan")
                .withMessageContaining("event 409: not sent: the plan of " + MIGRATION);
        // the plan only: the fact behind it was made for the plan the ledger refused, and the gate was not sent
        assertThat(ledger.received()).singleElement()
                .satisfies(only -> assertThat(only.rawPath()).endsWith("/migrations"));
        assertThat(up.forMigration(MIGRATION).startPhase("backfill")).isNotNull();
    }

    @Test
    void aRedirectStopsTheFlushAndLeavesTheSpoolAsItWas() {
        catchSpooled(() -> downClient().forMigration(MIGRATION).progress("backfill", 1.0, 1L, 100L, null));
        ledger.answerAs(307, "text/html", "<html>moved</html>", "Location", "https://elsewhere.example.com/");

        FlushResult result = ledger.client().spool(spool).build().flush();

        assertThat(result.rejected()).isEmpty();
        assertThat(result.pending()).isEqualTo(1);
        assertThat(result.stopped()).contains("307").contains("a redirect");
        assertThat(queue().resolve("rejected.log")).doesNotExist();
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
        assertThat(queue().resolve("rejected.log")).doesNotExist();
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
        assertThat(Files.size(queue().resolve("spool.log"))).isPositive();
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

    private Path queue() {
        return spool.resolve(SpoolDirectory.queueName(StubLedger.TOKEN));
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
