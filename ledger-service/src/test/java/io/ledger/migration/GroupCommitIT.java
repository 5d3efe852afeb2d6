package io.ledger.migration;

import io.ledger.HeldAppend;
import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.api.PrecheckStatus;
import io.ledger.api.event.PrecheckRecorded;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.EventConflictException;
import io.ledger.client.LedgerClient;
import io.ledger.client.LedgerException;
import io.ledger.client.RetryPolicy;
import io.ledger.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static io.ledger.ReadModels.uniqueId;
import static io.ledger.migration.Runbook.ADD_COLUMN;
import static io.ledger.migration.Runbook.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Writes that reach a committer while its batch commits are appended together, in one transaction; a write that
 * fails in a batch fails alone. Each test holds a batch of one write in progress (its append waits on a row held
 * elsewhere), queues more writes behind it on the same committer, and lets go.
 */
@LedgerServiceTest
class GroupCommitIT {

    private static final int QUEUED = 4;

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    private final ExecutorService runners = Executors.newFixedThreadPool(QUEUED + 2);
    private LedgerClient ledger;
    private String held;

    @BeforeEach
    void planTheHeldMigration() {
        ledger = Ledgers.client(port);
        held = uniqueId("held");
        ledger.plan(plan(held, List.of()));
    }

    @AfterEach
    void stopRunners() {
        runners.shutdownNow();
    }

    /**
     * A second instance on the same database appends behind this one's back; the next write here, judged against the
     * stale copy it loaded, collides with that event. It is a 503 to retry with the same eventId, and the retry is
     * judged against the migration as stored.
     */
    @Test
    void aWriteThatAnotherWriterWentBeforeIsAskedToRetryAndTheRetryIsRecorded() {
        ledger.forMigration(held).precheck("backup-taken", PrecheckStatus.PASSED, "snapshot");
        long stored = ledger.migration(held).lastSequence();
        jdbc.update("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, "
                + "metadata, payload, payloadrevision, payloadtype, timestamp) SELECT aggregateidentifier, "
                + "sequencenumber + 1, type, ?, metadata, payload, payloadrevision, payloadtype, timestamp "
                + "FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = ?",
                UUID.randomUUID().toString(), held, stored);
        String body = "{\"type\":\"precheck-recorded\",\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\""
                + Instant.now() + "\",\"actor\":\"ci-runner\",\"check\":\"staging-run\",\"status\":\"passed\"}";
        String path = "/api/v1/migrations/" + held + "/events";

        HttpResponse<String> collided = TestTokens.call(port, "POST", path, body, TestTokens.ci(port));
        assertThat(collided.statusCode()).as(collided.body()).isEqualTo(503);
        assertThat(collided.headers().firstValue("Retry-After")).isPresent();

        HttpResponse<String> retried = TestTokens.call(port, "POST", path, body, TestTokens.ci(port));
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(retried.body()).contains("\"sequence\":" + (stored + 2) + ",");
    }

    @Test
    void writesQueuedBehindACommittingBatchAreAppendedInOneTransaction() throws Exception {
        List<String> queued = plannedBehindHeld(QUEUED);

        List<CompletableFuture<RecordedEvent>> answers = new ArrayList<>();
        RecordedEvent first = whileHeld(() -> queued.forEach(id -> answers.add(startPhase(ledger, id))));

        List<RecordedEvent> recorded = answers.stream().map(CompletableFuture::join).toList();
        assertThat(recorded).extracting(event -> event.event().type()).containsOnly("phase-started");
        assertThat(transactionsOf(recorded)).hasSize(1).doesNotContainAnyElementsOf(transactionsOf(List.of(first)));
    }

    @Test
    void aWriteThatFailsInABatchFailsAloneAndTheRestOfTheBatchIsRecordedOnce() throws Exception {
        List<String> queued = plannedBehindHeld(QUEUED);
        String poisoned = queued.get(1);
        LedgerClient once = LedgerClient.builder().baseUrl("http://127.0.0.1:" + port).token(TestTokens.ci(port))
                .actor("ci-runner").runner(Ledgers.CI).retryPolicy(RetryPolicy.none()).build();
        jdbc.execute("CREATE FUNCTION refuse_poisoned() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'poisoned'; END $$");
        jdbc.execute("CREATE TRIGGER refuse_poisoned BEFORE INSERT ON domainevententry FOR EACH ROW "
                + "WHEN (NEW.aggregateidentifier = '" + poisoned + "') EXECUTE FUNCTION refuse_poisoned()");
        List<CompletableFuture<RecordedEvent>> answers = new ArrayList<>();
        try {
            whileHeld(() -> queued.forEach(id -> answers.add(startPhase(id.equals(poisoned) ? once : ledger, id))));
            assertThatThrownBy(() -> answers.get(1).join()).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(LedgerException.class);
        } finally {
            jdbc.execute("DROP TRIGGER refuse_poisoned ON domainevententry");
            jdbc.execute("DROP FUNCTION refuse_poisoned()");
        }

        assertThat(ledger.events(poisoned)).extracting(event -> event.event().type()).doesNotContain("phase-started");
        for (String id : queued) {
            if (!id.equals(poisoned)) {
                RecordedEvent answer = answers.get(queued.indexOf(id)).join();
                assertThat(answer.event().type()).isEqualTo("phase-started");
                assertThat(ledger.events(id)).filteredOn(event -> event.event().type().equals("phase-started"))
                        .containsExactly(answer);
            }
        }
    }

    @Test
    void aRetryInTheSameBatchAsItsOriginalIsAnsweredWithoutFailingTheBatch() throws Exception {
        List<String> queued = plannedBehindHeld(2);
        String retried = queued.get(0);
        PrecheckRecorded original = precheck("staging run 1");
        PrecheckRecorded changed = new PrecheckRecorded(original.eventId(), original.occurredAt(), original.actor(),
                original.runner(), original.check(), original.status(), "staging run 2");
        PrecheckRecorded other = precheck("staging run 1");

        List<CompletableFuture<RecordedEvent>> answers = new ArrayList<>();
        whileHeld(() -> {
            answers.add(post(retried, original));
            awaitWaiting(1);
            answers.add(post(retried, original));
            awaitWaiting(2);
            answers.add(post(retried, changed));
            awaitWaiting(3);
            answers.add(post(queued.get(1), other));
        });

        RecordedEvent recorded = answers.get(0).join();
        assertThat(answers.get(1).join()).isEqualTo(recorded);
        assertThatThrownBy(() -> answers.get(2).join()).hasCauseInstanceOf(EventConflictException.class);
        assertThat(ledger.events(retried)).filteredOn(event -> event.event().type().equals("precheck-recorded"))
                .containsExactly(recorded);
        // Had the retry failed the batch, each write would have been run again alone, in a transaction of its own.
        assertThat(transactionsOf(List.of(recorded, answers.get(3).join()))).hasSize(1);
    }

    private static PrecheckRecorded precheck(String evidence) {
        return new PrecheckRecorded(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), "ci-runner",
                Ledgers.CI, "staging-tested", PrecheckStatus.PASSED, evidence);
    }

    private CompletableFuture<RecordedEvent> post(String migrationId, PrecheckRecorded event) {
        return CompletableFuture.supplyAsync(() -> ledger.post(migrationId, event), runners);
    }

    private void awaitWaiting(int writes) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> meters.get("ledger.writes.waiting").gauge().value() == writes);
    }

    private List<String> plannedBehindHeld(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = HeldAppend.idOnSameCommitter("queued", held);
            ledger.plan(plan(id, List.of()));
            ids.add(id);
        }
        return ids;
    }

    /**
     * Starts a phase of the held migration, whose append waits on a row held elsewhere; then {@code queue} sends
     * writes, which wait for that batch; once they all wait, the row is let go. Answers the held migration's event.
     */
    private RecordedEvent whileHeld(Runnable queue) throws Exception {
        long next = ledger.migration(held).lastSequence() + 1;
        CompletableFuture<RecordedEvent> first;
        try (HeldAppend hold = HeldAppend.hold(dataSource, held, next)) {
            first = startPhase(ledger, held);
            hold.awaitAppendWaiting();
            queue.run();
            awaitWaiting(QUEUED);
        }
        return first.join();
    }

    private CompletableFuture<RecordedEvent> startPhase(LedgerClient client, String migrationId) {
        return CompletableFuture.supplyAsync(() -> client.forMigration(migrationId).startPhase(ADD_COLUMN), runners);
    }

    private Set<Long> transactionsOf(List<RecordedEvent> events) {
        return events.stream().map(event -> jdbc.queryForObject("SELECT xmin::text::bigint FROM domainevententry "
                        + "WHERE aggregateidentifier = ? AND sequencenumber = ?", Long.class, event.migrationId(),
                        event.sequence()))
                .collect(Collectors.toSet());
    }
}
