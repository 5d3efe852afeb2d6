package io.ledger.client;

import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStatus;
import io.ledger.api.Phase;
import io.ledger.api.Reason;
import io.ledger.api.event.PhaseStarted;
import io.ledger.api.event.Planned;
import io.ledger.api.integrity.Checkpoint;
import io.ledger.api.integrity.Tampering;
import io.ledger.api.integrity.Verification;
import io.ledger.api.view.RecordedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LedgerClientTest {

    private static final String MIGRATION = "orders-status-v42@staging";
    private static final String GATE_REFUSED = """
            {"type": "https://ledger.example/problems/gate-refused", "title": "Gate refused", "status": 409,
             "detail": "phase-started refused", "eventId": "5b0e6a52-3f1c-4c3e-9a59-0c3a3f0e2d11", "sequence": 7,
             "reasons": [{"rule": "prechecks-incomplete", "message": "backup-taken has not passed"},
                         {"rule": "previous-phase-not-verified", "message": "add-nullable-column is not verified"}]}
            """;
    private static final String MIGRATION_VIEW = """
            {"id": "orders-status-v42@staging", "status": "planned", "refusals": 0, "lastSequence": 0,
             "plan": {"id": "orders-status-v42@staging", "database": "orders-db", "environment": "staging",
                      "version": "42", "kind": "schema", "owner": "alice", "phases": [{"name": "add-nullable-column"}]},
             "phases": [], "prechecks": [], "signOffs": [], "anomalies": [], "plannedAt": "2026-05-12T02:00:00Z"}
            """;

    private final StubLedger ledger = StubLedger.start();

    @AfterEach
    void stopLedger() {
        ledger.close();
    }

    @Test
    void sameEventIdIsSentOnEveryRetryAfterServiceUnavailableAndADroppedConnection() {
        ledger.answer(503, "").dropConnection().answer(503, "");
        LedgerClient client = ledger.client().build();

        RecordedEvent recorded = client.forMigration(MIGRATION).startPhase("add-nullable-column");

        assertThat(ledger.received()).hasSize(4)
                .extracting(received -> received.json().get("eventId").asText())
                .containsOnly(recorded.event().eventId().toString());
        assertThat(ledger.received()).extracting(StubLedger.Received::body).containsOnly(ledger.lastReceived().body());
    }

    @Test
    void anAttemptThatTimesOutIsRetriedWithTheSameEvent() {
        // The timeout leaves the second, prompt attempt ample time even on a loaded machine, so exactly two arrive.
        ledger.stall(Duration.ofSeconds(4));
        LedgerClient client = ledger.client().requestTimeout(Duration.ofSeconds(1)).build();

        RecordedEvent recorded = client.forMigration(MIGRATION).phaseApplied("backfill", 1200, 1000L, null, null);

        assertThat(ledger.received()).hasSize(2)
                .extracting(received -> received.json().get("eventId").asText())
                .containsOnly(recorded.event().eventId().toString());
    }

    @Test
    void retryAfterIsWaitedBeforeTheNextAttempt() {
        ledger.answer(429, "", "Retry-After", "1");
        LedgerClient client = ledger.client()
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(3), 2.0))
                .build();

        client.forMigration(MIGRATION).progress("backfill", 50.0, 500L, 1000L, null);

        List<StubLedger.Received> received = ledger.received();
        assertThat(received).hasSize(2);
        Duration waited = Duration.ofNanos(received.get(1).atNanos() - received.get(0).atNanos());
        assertThat(waited).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3).plusMillis(500));
    }

    @Test
    void refusedGateIsNotRetriedAndCarriesEveryReason() {
        ledger.answer(409, GATE_REFUSED);
        LedgerClient client = ledger.client().build();

        assertThatExceptionOfType(GateRefusedException.class)
                .isThrownBy(() -> client.forMigration(MIGRATION).startPhase("backfill"))
                .satisfies(refused -> {
                    assertThat(refused.reasons()).containsExactly(
                            new Reason("prechecks-incomplete", "backup-taken has not passed"),
                            new Reason("previous-phase-not-verified", "add-nullable-column is not verified"));
                    assertThat(refused.sequence()).hasValue(7);
                    assertThat(refused.migrationId()).isEqualTo(MIGRATION);
                    assertThat(refused).hasMessageContaining("prechecks-incomplete");
                });
        assertThat(ledger.received()).hasSize(1);
    }

    @Test
    void eventIdReusedForADifferentEventIsAConflictNotARefusal() {
        ledger.answer(409, """
                {"title": "Conflict", "status": 409,
                 "reasons": [{"rule": "event-id-conflict",
                              "message": "eventId was already used for a phase-applied event"}]}
                """);
        LedgerClient client = ledger.client().build();
        PhaseStarted event =
                new PhaseStarted(UUID.randomUUID(), Instant.parse("2026-05-12T02:04:51Z"), "ci", null, "backfill");

        assertThatExceptionOfType(EventConflictException.class)
                .isThrownBy(() -> client.post(MIGRATION, event))
                .satisfies(conflict -> assertThat(conflict.eventId()).isEqualTo(event.eventId()))
                .withMessageContaining("already used for a phase-applied event");
        assertThat(ledger.received()).hasSize(1);
    }

    @Test
    void eventIdConflictIsAlsoRecognisedAsTheProblemsOwnRule() {
        ledger.answer(409, """
                {"title": "Conflict", "status": 409, "rule": "event-id-conflict", "detail": "eventId already used"}""");
        LedgerClient client = ledger.client().build();

        assertThatExceptionOfType(EventConflictException.class)
                .isThrownBy(() -> client.forMigration(MIGRATION).abort("error budget burnt"));
    }

    @Test
    void aDifferentPlanUnderAPlannedIdIsAPlanConflict() {
        ledger.answer(409, """
                {"title": "Conflict", "status": 409, "detail": "planned with checksum sha256:1a2b"}""");
        LedgerClient client = ledger.client().build();

        assertThatExceptionOfType(PlanConflictException.class)
                .isThrownBy(() -> client.plan(plan()))
                .satisfies(conflict -> assertThat(conflict.migrationId()).isEqualTo(MIGRATION))
                .withMessageContaining("sha256:1a2b");
        assertThat(ledger.received()).hasSize(1);
    }

    @Test
    void invalidInputIsNotRetriedAndCarriesTheProblem() {
        String problem = """
                {"type": "about:blank", "title": "Bad Request", "status": 400, "detail": "phase must not be blank",
                 "errors": [{"field": "phase", "message": "must not be blank"}]}""";
        ledger.answer(400, problem);
        LedgerClient client = ledger.client().build();

        assertThatExceptionOfType(LedgerRejectedException.class)
                .isThrownBy(() -> client.forMigration(MIGRATION).verified(" ", null, null))
                .satisfies(rejected -> {
                    assertThat(rejected.status()).isEqualTo(400);
                    assertThat(rejected.title()).isEqualTo("Bad Request");
                    assertThat(rejected.detail()).isEqualTo("phase must not be blank");
                    assertThat(rejected.errors())
                            .containsExactly(new LedgerRejectedException.FieldError("phase", "must not be blank"));
                    assertThat(rejected.body()).isEqualTo(problem);
                });
        assertThat(ledger.received()).hasSize(1);
    }

    @Test
    void aRejectionsMessageSaysEachErrorOnce() {
        ledger.answer(400, """
                {"title": "Invalid request", "status": 400, "detail": "phase: must not be blank",
                 "errors": [{"field": "phase", "message": "must not be blank"},
                            {"field": "actor", "message": "must not be blank"}]}""");
        LedgerClient client = ledger.client().build();

        assertThatExceptionOfType(LedgerRejectedException.class)
                .isThrownBy(() -> client.forMigration(MIGRATION).verified(" ", null, null))
                .withMessage("ledger rejected the request with 400: phase: must not be blank "
                        + "[actor: must not be blank]");
    }

    @Test
    void aRejectionThatIsNotProblemDetailsKeepsItsBody() {
        ledger.answer(413, "<html>Request Entity Too Large</html>");
        LedgerClient client = ledger.client().build();

        assertThatExceptionOfType(LedgerRejectedException.class)
                .isThrownBy(() -> client.forMigration(MIGRATION).phaseFailed("backfill", 10, "x".repeat(100)))
                .satisfies(rejected -> assertThat(rejected.detail()).isNull())
                .withMessageContaining("413")
                .withMessageContaining("Request Entity Too Large");
    }

    @Test
    void unknownMigrationIsNotFound() {
        ledger.answer(404, """
                {"type": "urn:migration-ledger:problem:migration-not-found", "title": "Not Found", "status": 404,
                 "detail": "no migration orders-status-v42@staging"}""");
        LedgerClient client = ledger.client().build();

        assertThatExceptionOfType(MigrationNotFoundException.class)
                .isThrownBy(() -> client.forMigration(MIGRATION).complete())
                .satisfies(notFound -> assertThat(notFound.migrationId()).isEqualTo(MIGRATION));
        assertThat(ledger.received()).hasSize(1);
    }

    @Test
    void readingAnUnknownMigrationIsNotFound() {
        ledger.answer(404, "");
        LedgerClient client = ledger.client().build();

        assertThatExceptionOfType(MigrationNotFoundException.class).isThrownBy(() -> client.migration(MIGRATION));
    }

    @Test
    void exhaustedRetriesAreUnavailableWithTheAttemptsAndTheEventToPostAgain() {
        IntStream.range(0, 4).forEach(attempt -> ledger.answer(503, "", "Retry-After", "0"));
        LedgerClient client = ledger.client().build();

        assertThatExceptionOfType(LedgerUnavailableException.class)
                .isThrownBy(() -> client.forMigration(MIGRATION).signOff("dba", "dave", null))
                .satisfies(unavailable -> {
                    assertThat(unavailable.attempts()).isEqualTo(4);
                    assertThat(unavailable.lastStatus()).hasValue(503);
                    assertThat(unavailable.event()).hasValueSatisfying(event -> assertThat(event.eventId().toString())
                            .isEqualTo(ledger.lastReceived().json().get("eventId").asText()));
                });
        assertThat(ledger.received()).hasSize(4);
    }

    @Test
    void connectionRefusedIsRetriedThenUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LedgerClient client = LedgerClient.builder()
                .baseUrl("http://127.0.0.1:" + closedPort)
                .token(StubLedger.TOKEN)
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), 2.0))
                .build();

        assertThatExceptionOfType(LedgerUnavailableException.class)
                .isThrownBy(() -> client.forMigration(MIGRATION).startPhase("backfill"))
                .satisfies(unavailable -> {
                    assertThat(unavailable.attempts()).isEqualTo(3);
                    assertThat(unavailable.lastStatus()).isEmpty();
                    assertThat(unavailable).hasCauseInstanceOf(ConnectException.class)
                            .hasMessageEndingWith("connection refused by 127.0.0.1:" + closedPort);
                });
    }

    @Test
    void aLedgerThatNeverAnswersIsUnavailableSayingWhoAndHowLongItWaited() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LedgerClient client = LedgerClient.builder()
                    .baseUrl("http://127.0.0.1:" + silent.getLocalPort())
                    .token(StubLedger.TOKEN)
                    .requestTimeout(Duration.ofMillis(200))
                    .retryPolicy(RetryPolicy.none())
                    .build();

            assertThatExceptionOfType(LedgerUnavailableException.class)
                    .isThrownBy(() -> client.migration(MIGRATION))
                    .withMessageEndingWith("no answer from 127.0.0.1:" + silent.getLocalPort() + " within PT0.2S");
        }
    }

    @Test
    void anUnknownHostIsUnavailableNamingTheHost() {
        LedgerClient client = LedgerClient.builder()
                .baseUrl("http://nosuch.invalid:8080")
                .token(StubLedger.TOKEN)
                .retryPolicy(RetryPolicy.none())
                .build();

        assertThatExceptionOfType(LedgerUnavailableException.class)
                .isThrownBy(() -> client.migration(MIGRATION))
                .withMessage("ledger unavailable after 1 attempt, last error java.net.ConnectException: unknown host "
                        + "nosuch.invalid")
                .withCauseInstanceOf(ConnectException.class);
    }

    @Test
    void migrationIdIsPercentEncodedAsOnePathSegment() {
        LedgerClient client = ledger.client().build();

        client.forMigration("orders status/v42@staging").startPhase("backfill");

        assertThat(ledger.lastReceived().rawPath())
                .isEqualTo("/api/v1/migrations/orders%20status%2Fv42%40staging/events");
    }

    @Test
    void everyRequestCarriesTheBearerToken() {
        ledger.answer(200, MIGRATION_VIEW);
        LedgerClient client = ledger.client().build();

        client.migration(MIGRATION);
        client.forMigration(MIGRATION).startPhase("backfill");

        assertThat(ledger.received()).extracting(StubLedger.Received::authorization)
                .containsExactly("Bearer " + StubLedger.TOKEN, "Bearer " + StubLedger.TOKEN);
    }

    @Test
    void baseUrlPathIsKeptBeforeTheApiPath() {
        ledger.answer(200, MIGRATION_VIEW);
        LedgerClient client = LedgerClient.builder().baseUrl(ledger.baseUrl() + "/ledger/").token(StubLedger.TOKEN).build();

        client.migration(MIGRATION);

        assertThat(ledger.lastReceived().rawPath()).isEqualTo("/ledger/api/v1/migrations/orders-status-v42%40staging");
    }

    @Test
    void planningSendsThePlanAndReturnsTheState() {
        ledger.answer(201, MIGRATION_VIEW);
        LedgerClient client = ledger.client().clock(Clock.fixed(Instant.parse("2026-05-12T01:58:10.120Z"),
                ZoneOffset.UTC)).build();

        var view = client.plan(plan());

        assertThat(view.status()).isEqualTo(MigrationStatus.PLANNED);
        assertThat(ledger.lastReceived().rawPath()).isEqualTo("/api/v1/migrations");
        assertThat(ledger.lastReceived().json().get("kind").asText()).isEqualTo("schema");
        assertThat(ledger.lastReceived().json().get("plannedAt").asText()).as("when it was made, like every event")
                .isEqualTo("2026-05-12T01:58:10.120Z");
        assertThat(ledger.lastReceived().json().has("scheduledFor")).isFalse();
    }

    @Test
    void fieldsAndEnumValuesAddedByANewerLedgerAreIgnored() {
        ledger.answer(200, MIGRATION_VIEW
                .replace("\"status\": \"planned\"", "\"status\": \"paused\"")
                .replace("\"refusals\": 0", "\"refusals\": 0, \"approvals\": {\"required\": 2}"));
        LedgerClient client = ledger.client().build();

        var view = client.migration(MIGRATION);

        assertThat(view.id()).isEqualTo(MIGRATION);
        assertThat(view.status()).isNull();
    }

    @Test
    void eventsAreReadInOrderWithTheirTypes() {
        ledger.answer(200, """
                [{"migrationId": "orders-status-v42@staging", "sequence": 1, "position": 11,
                  "recordedAt": "2026-05-12T02:04:52Z",
                  "event": {"type": "phase-started", "eventId": "5b0e6a52-3f1c-4c3e-9a59-0c3a3f0e2d11",
                            "occurredAt": "2026-05-12T02:04:51Z", "actor": "ci", "phase": "backfill"}},
                 {"migrationId": "orders-status-v42@staging", "sequence": 2, "position": 15,
                  "recordedAt": "2026-05-12T02:05:52Z",
                  "event": {"type": "paused", "eventId": "6b0e6a52-3f1c-4c3e-9a59-0c3a3f0e2d11",
                            "occurredAt": "2026-05-12T02:05:51Z", "actor": "ci"}}]
                """);
        LedgerClient client = ledger.client().build();

        List<RecordedEvent> events = client.events(MIGRATION);

        assertThat(events).extracting(RecordedEvent::sequence).containsExactly(1L, 2L);
        assertThat(events.get(0).event()).isInstanceOf(PhaseStarted.class);
        assertThat(events.get(1).event()).as("an event type this client does not know").isNull();
        assertThat(ledger.lastReceived().rawPath()).isEqualTo("/api/v1/migrations/orders-status-v42%40staging/events");
    }

    @Test
    void anAnswerThatIsNotTheContractsJsonIsALedgerException() {
        ledger.answer(201, "<html>welcome to nginx</html>");
        LedgerClient client = ledger.client().build();

        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> client.forMigration(MIGRATION).complete())
                .withMessageContaining("201");
    }

    @Test
    void anOkWhoseJsonIsNotTheRecordOfTheEventIsNotReportedRecorded() {
        ledger.answer(200, "{\"status\": \"ok\"}");
        LedgerClient client = ledger.client().build();

        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> client.forMigration(MIGRATION).complete())
                .withMessageContaining("an answer that is not the ledger's").withMessageEndingWith("may not have been "
                        + "recorded.");
    }

    @Test
    void aNotFoundPageThatIsNotTheLedgersIsNoClaimThatTheMigrationWasNeverPlanned() {
        ledger.answerAs(404, "text/html", "<html>Not Found</html>");
        LedgerClient client = ledger.client().build();

        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> client.forMigration(MIGRATION).complete())
                .isNotInstanceOf(MigrationNotFoundException.class)
                .withMessageContaining("the URL answered 404 text/html, an answer that is not the ledger's");
    }

    @Test
    void eventsWrittenByTheLedgerCannotBePosted() {
        LedgerClient client = ledger.client().build();
        Planned planned = new Planned(UUID.randomUUID(), Instant.now(), "ci", null, plan());

        assertThatIllegalArgumentException().isThrownBy(() -> client.post(MIGRATION, planned))
                .withMessageContaining("planned");
        assertThat(ledger.received()).isEmpty();
    }

    @Test
    void oneClientServesManyRunnerThreads() throws Exception {
        LedgerClient client = ledger.client().build();
        ExecutorService runners = Executors.newFixedThreadPool(8);
        try {
            List<Callable<RecordedEvent>> posts = IntStream.range(0, 40)
                    .<Callable<RecordedEvent>>mapToObj(i -> () -> client.forMigration("m-" + i % 4).startPhase("p" + i))
                    .toList();
            List<UUID> sent = runners.invokeAll(posts).stream().map(LedgerClientTest::eventId).toList();

            assertThat(sent).doesNotHaveDuplicates().hasSize(40);
            assertThat(ledger.received())
                    .extracting(received -> UUID.fromString(received.json().get("eventId").asText()))
                    .containsExactlyInAnyOrderElementsOf(sent);
        } finally {
            runners.shutdownNow();
        }
    }

    @Test
    void brokenLedgerIsAnAnswerNotAnException() {
        ledger.answer(200, """
                {"ok": false, "checkedEvents": 8, "unsealedEvents": 0, "checkpoints": 0,
                 "firstBroken": {"kind": "event-deleted", "migrationId": "orders-status-v42@staging", "sequence": 3,
                                 "position": 57, "eventId": "5b0e6a52-3f1c-4c3e-9a59-0c3a3f0e2d11",
                                 "message": "event 3 was sealed and is no longer stored"},
                 "invalidatedSignOffs": []}""");

        Verification verification = ledger.client().build().verify(MIGRATION);

        assertThat(verification.ok()).isFalse();
        assertThat(verification.firstBroken().kind()).isEqualTo(Tampering.EVENT_DELETED);
        assertThat(verification.firstBroken().sequence()).isEqualTo(3);
        assertThat(ledger.lastReceived().rawPath()).isEqualTo("/api/v1/ledger/verify");
    }

    @Test
    void verifyingAMigrationNeverPlannedIsNotFound() {
        ledger.answer(404, """
                {"type": "urn:migration-ledger:problem:migration-not-found", "title": "Migration not found",
                 "status": 404, "detail": "the ledger holds no migration orders-status-v42@staging"}""");

        assertThatExceptionOfType(MigrationNotFoundException.class)
                .isThrownBy(() -> ledger.client().build().verify(MIGRATION));
    }

    @Test
    void storedCheckpointIsPostedAsKept() {
        Checkpoint stored = new Checkpoint(1200, 1342, "9f2c".repeat(16), Instant.parse("2026-05-12T02:00:00.120Z"),
                "4b0821ba2c006e57", "Ed25519", null, "c2lnbmF0dXJl");
        ledger.answer(200, """
                {"ok": true, "checkedEvents": 1342, "unsealedEvents": 0, "checkpoints": 13, "invalidatedSignOffs": []}""");

        assertThat(ledger.client().build().verify(stored).ok()).isTrue();
        assertThat(ledger.lastReceived().method()).isEqualTo("POST");
        assertThat(ledger.lastReceived().json().get("createdAt").asText()).isEqualTo("2026-05-12T02:00:00.120Z");
        assertThat(ledger.lastReceived().json().get("events").asLong()).isEqualTo(1200);
    }

    @Test
    void noCheckpointYetIsEmpty() {
        ledger.answer(404, """
                {"type": "urn:migration-ledger:problem:no-checkpoint", "title": "No checkpoint yet", "status": 404}""");

        assertThat(ledger.client().build().latestCheckpoint()).isEmpty();
        assertThat(ledger.lastReceived().rawPath()).isEqualTo("/api/v1/ledger/checkpoints/latest");
    }

    private static UUID eventId(Future<RecordedEvent> recorded) {
        try {
            return recorded.get().event().eventId();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static MigrationPlan plan() {
        return new MigrationPlan(MIGRATION, "orders-db", "staging", "42", "Add status column to orders",
                "sha256:9f2c", MigrationKind.SCHEMA, null, "alice", List.of("bob"), null, 1800L, null,
                List.of(new Phase("add-nullable-column", "ALTER TABLE orders ADD COLUMN status text;", null,
                        "ALTER TABLE orders DROP COLUMN status;", false, 5L)),
                List.of("backup-taken"), null);
    }
}
