package io.ledger;

import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.Phase;
import io.ledger.api.PrecheckStatus;
import io.ledger.api.event.LedgerEvent;
import io.ledger.client.LedgerClient;
import io.ledger.client.MigrationHandle;
import io.ledger.client.RetryPolicy;
import io.ledger.client.SpooledException;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * A runner with a spool, as the fault tests drive it: it plans its migration, then records {@code count} pre-checks,
 * {@code load} with evidence {@code n=0}, {@code n=1}... and last {@code backup-taken}, which makes the migration
 * {@code prechecked}. It reports each event's fate as it returns: acknowledged ({@code A}) or spooled ({@code S}).
 * Run as a main, it is a runner process of its own that a test can kill.
 */
public final class SpoolingRunner {

    public static final String LAST_CHECK = "backup-taken";

    private SpoolingRunner() {
    }

    /** {@code URL TOKEN SPOOL MIGRATION DATABASE COUNT}: prints {@code A eventId} or {@code S eventId} a line. */
    public static void main(String[] args) {
        try (LedgerClient ledger = client(args[0], args[1], Path.of(args[2]))) {
            run(ledger, args[3], args[4], Integer.parseInt(args[5]), (fate, eventId) -> {
                System.out.println(fate + " " + eventId);
                System.out.flush();
            });
        }
    }

    /** @param token what the runner calls with, and the only token that delivers what it spools */
    public static LedgerClient client(String url, String token, Path spool) {
        return LedgerClient.builder().baseUrl(url).token(token).actor("ci-runner").runner(Ledgers.CI)
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(200), 2.0))
                .spool(spool)
                .build();
    }

    /** @param report told {@code "A"} or {@code "S"} and the eventId of each event once its call returned */
    public static void run(LedgerClient ledger, String migrationId, String database, int count,
            BiConsumer<String, UUID> report) {
        try {
            ledger.plan(plan(migrationId, database));
        } catch (SpooledException planSpooled) {
            // delivered ahead of the events, which go behind it
        }
        MigrationHandle migration = ledger.forMigration(migrationId);
        for (int n = 0; n < count; n++) {
            String check = n == count - 1 ? LAST_CHECK : "load";
            try {
                report.accept("A", migration.precheck(check, PrecheckStatus.PASSED, "n=" + n).event().eventId());
            } catch (SpooledException spooled) {
                report.accept("S", spooled.event().map(LedgerEvent::eventId).orElseThrow());
            }
        }
    }

    public static MigrationPlan plan(String id, String database) {
        return new MigrationPlan(id, database, "staging", "7", "Fault test", "sha256:7", MigrationKind.DATA, null,
                "alice", List.of("bob"), null, 60L, Instant.parse("2026-05-12T02:00:00Z"),
                List.of(new Phase("backfill", "UPDATE orders SET status = 'paid'", null, null, true, 50L)),
                List.of(LAST_CHECK), List.of());
    }
}
