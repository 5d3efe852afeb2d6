package io.ledger.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.api.PrecheckStatus;
import io.ledger.client.LedgerClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.ledger.ReadModels.*;
import static io.ledger.history.HistoryFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@LedgerServiceTest
class HistoryPagingIT {

    private static final int BEFORE_PAGING = 40;
    private static final int PAGE = 7;

    @LocalServerPort
    int port;

    @Test
    void pagingNewestFirstNeverRepeatsNorSkipsAMigrationWhileEventsArrive() throws Exception {
        LedgerClient ledger = Ledgers.client(port);
        String database = uniqueDatabase();
        List<String> planned = new ArrayList<>();
        for (int i = 0; i < BEFORE_PAGING; i++) {
            planned.add(ledger.plan(plan(uniqueId("paged-" + i), database, "prod", String.valueOf(i), "paged",
                    List.of("backup-taken"), "a")).id());
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                history(port, "limit=500&database=" + encode(database)).path("items").size() == BEFORE_PAGING);

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger writes = new AtomicInteger();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; writing.get(); i++) {
                    ledger.plan(plan(uniqueId("arriving-" + i), database, "prod", "n" + i, "arriving",
                            List.of("backup-taken"), "a"));
                    ledger.forMigration(planned.get(i % BEFORE_PAGING))
                            .precheck("backup-taken", i % 2 == 0 ? PrecheckStatus.FAILED : PrecheckStatus.PASSED, "run " + i);
                    writes.incrementAndGet();
                }
            } catch (Throwable failed) {
                writerFailure.set(failed);
            }
        }, "history-writer");
        writer.start();

        List<String> seen = new ArrayList<>();
        List<Instant> plannedAts = new ArrayList<>();
        String cursor = null;
        do {
            int before = writes.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> writes.get() > before || writerFailure.get() != null);
            JsonNode page = history(port, "limit=" + PAGE + "&database=" + encode(database)
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.path("items").size()).isLessThanOrEqualTo(PAGE);
            page.path("items").forEach(row -> {
                seen.add(row.path("id").asText());
                plannedAts.add(Instant.parse(row.path("plannedAt").asText()));
            });
            cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        writing.set(false);
        writer.join(Duration.ofSeconds(30).toMillis());

        assertThat(writerFailure.get()).isNull();
        assertThat(writes.get()).as("events arrived while paging").isGreaterThan(BEFORE_PAGING / PAGE);
        assertThat(seen).doesNotHaveDuplicates().containsAll(planned);
        assertThat(plannedAts).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }
}
