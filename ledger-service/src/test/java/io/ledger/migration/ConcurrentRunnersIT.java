package io.ledger.migration;

import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.api.MigrationStatus;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.PhaseApplied;
import io.ledger.api.event.PhaseStarted;
import io.ledger.api.event.Verified;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.LedgerClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.ledger.migration.Runbook.PHASES;
import static io.ledger.migration.Runbook.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** Many runners at once: nothing lost, nothing duplicated, every retry answered with the original. */
@LedgerServiceTest
class ConcurrentRunnersIT {

    private static final int RUNNERS = 50;

    @LocalServerPort
    int port;

    @Test
    void fiftyRunnersOnFiftyMigrationsLoseNothingAndDuplicateNothing() throws Exception {
        LedgerClient ledger = Ledgers.client(port);
        String run = UUID.randomUUID().toString();
        Map<String, List<LedgerEvent>> posted = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);

        List<Callable<Void>> runners = new ArrayList<>();
        for (int r = 0; r < RUNNERS; r++) {
            String id = "runner-" + r + "-" + run;
            runners.add(() -> {
                start.await();
                ledger.plan(plan(id, List.of()));
                List<LedgerEvent> events = new ArrayList<>();
                for (String phase : PHASES) {
                    events.add(new PhaseStarted(UUID.randomUUID(), now(), "ci-runner", Ledgers.CI, phase));
                    events.add(new PhaseApplied(UUID.randomUUID(), now(), "ci-runner", Ledgers.CI, phase, 10L, 1L, 0L, null));
                    events.add(new Verified(UUID.randomUUID(), now(), "ci-runner", Ledgers.CI, phase, List.of(), null));
                }
                for (LedgerEvent event : events) {
                    RecordedEvent first = ledger.post(id, event);
                    // A runner that lost the answer retries with the same eventId.
                    assertThat(ledger.post(id, event)).isEqualTo(first);
                }
                posted.put(id, events);
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(RUNNERS);
        try {
            List<Future<Void>> results = runners.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Void> result : results) {
                result.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Long> positions = new ArrayList<>();
        posted.forEach((id, events) -> {
            List<RecordedEvent> recorded = ledger.events(id);
            // planned, prechecked, every posted event once, and the ledger's completion
            assertThat(recorded).hasSize(events.size() + 3);
            assertThat(recorded.stream().map(e -> e.event().eventId())).doesNotHaveDuplicates()
                    .containsAll(events.stream().map(LedgerEvent::eventId).toList());
            assertThat(recorded).extracting(RecordedEvent::sequence).isSorted().doesNotHaveDuplicates();
            assertThat(ledger.migration(id).status()).isEqualTo(MigrationStatus.COMPLETED);
            recorded.forEach(event -> positions.add(event.position()));
        });
        assertThat(posted).hasSize(RUNNERS);
        assertThat(positions).doesNotHaveDuplicates();
    }

    @Test
    void sameEventPostedByTwoRunnersAtOnceIsRecordedOnce() throws Exception {
        LedgerClient ledger = Ledgers.client(port);
        String id = "twin-" + UUID.randomUUID();
        ledger.plan(plan(id, List.of()));
        LedgerEvent start = new PhaseStarted(UUID.randomUUID(), now(), "ci-runner", Ledgers.CI, PHASES.get(0));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RecordedEvent>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return ledger.post(id, start);
                }));
            }
            go.countDown();
            List<RecordedEvent> recorded = new ArrayList<>();
            for (Future<RecordedEvent> answer : answers) {
                recorded.add(answer.get(1, TimeUnit.MINUTES));
            }
            assertThat(recorded).allMatch(answer -> answer.equals(recorded.get(0)));
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledger.events(id)).filteredOn(e -> e.event().eventId().equals(start.eventId())).hasSize(1);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
