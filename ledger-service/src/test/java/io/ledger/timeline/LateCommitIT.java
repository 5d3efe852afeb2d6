package io.ledger.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledger.HeldAppend;
import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.LedgerClient;
import io.ledger.client.MigrationHandle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.ledger.ReadModels.*;
import static io.ledger.timeline.TimelineFixtures.ok;
import static io.ledger.timeline.TimelineFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Concurrent appends commit in any order, so the processors see a later position before an earlier one commits and
 * fill the gap afterwards. The late event must still be on the timeline, at its own position.
 */
@LedgerServiceTest
class LateCommitIT {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void anEventCommittedAfterALaterOneIsOnTheTimelineAtItsOwnPosition() throws Exception {
        LedgerClient ledger = Ledgers.client(port);
        String database = uniqueDatabase();
        Instant start = Instant.now().minusSeconds(1);
        String late = uniqueId("late");
        String early = HeldAppend.idOnAnotherCommitter("early", late);
        ledger.plan(plan(late, database, List.of(), "a"));
        ledger.plan(plan(early, database, List.of(), "a"));
        MigrationHandle lateMigration = ledger.forMigration(late);
        long next = ledger.migration(late).lastSequence() + 1;

        RecordedEvent committedFirst;
        CompletableFuture<RecordedEvent> committedLast;
        try (HeldAppend held = HeldAppend.hold(dataSource, late, next)) {
            committedLast = CompletableFuture.supplyAsync(() -> lateMigration.startPhase("a"));
            held.awaitAppendWaiting();
            committedFirst = ledger.forMigration(early).startPhase("a");
            awaitCaughtUp(port, "timeline");
        }
        RecordedEvent lateEvent = committedLast.get();
        assertThat(lateEvent.position()).isLessThan(committedFirst.position());

        String window = "/api/v1/timeline?database=" + encode(database) + "&from=" + start + "&to="
                + Instant.now().plusSeconds(60);
        // Not awaitCaughtUp: the late event fills a gap behind the processor's position, which lag does not count.
        JsonNode entry = await().atMost(Duration.ofSeconds(20)).until(() -> entry(ok(port, window), late, next),
                found -> found != null);
        assertThat(entry.path("position").asLong()).isEqualTo(lateEvent.position());
        assertThat(ok(port, window).path("items").findValuesAsText("position")).doesNotHaveDuplicates()
                .contains(String.valueOf(committedFirst.position()));
    }

    private static JsonNode entry(JsonNode timeline, String migrationId, long sequence) {
        for (JsonNode item : timeline.path("items")) {
            if (item.path("migrationId").asText().equals(migrationId) && item.path("sequence").asLong() == sequence) {
                return item;
            }
        }
        return null;
    }
}
