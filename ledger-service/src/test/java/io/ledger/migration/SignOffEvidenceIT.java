package io.ledger.migration;

import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.api.EvidenceHash;
import io.ledger.api.PrecheckStatus;
import io.ledger.api.event.SignedOff;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.LedgerClient;
import io.ledger.client.LedgerRejectedException;
import io.ledger.client.MigrationHandle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.ledger.migration.Runbook.PHASES;
import static io.ledger.migration.Runbook.REQUIRED_PRECHECKS;
import static io.ledger.migration.Runbook.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A sign-off binds the hash of the migration's events before it, taken by the ledger, race-free. */
@LedgerServiceTest
class SignOffEvidenceIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private LedgerClient ledger;
    private String id;
    private MigrationHandle migration;

    @BeforeEach
    void completeTheSeedRunbook() {
        ledger = Ledgers.client(port);
        id = "orders-status-v42@staging-" + UUID.randomUUID();
        migration = ledger.forMigration(id);
        ledger.plan(plan(id, REQUIRED_PRECHECKS));
        REQUIRED_PRECHECKS.forEach(check -> migration.precheck(check, PrecheckStatus.PASSED, "ok"));
        for (String phase : PHASES) {
            migration.startPhase(phase);
            migration.phaseApplied(phase, 400, 10L, 0L, null);
            migration.verified(phase, List.of("checked"), "ok");
        }
    }

    @Test
    void signOffBindsTheHashOfTheEventRightBeforeIt() {
        RecordedEvent signOff = migration.signOff("dba", "bob", "reviewed");

        assertThat(evidenceOf(signOff)).isEqualTo(new EvidenceHash(signOff.sequence() - 1,
                storedHash(signOff.sequence() - 1)));
        assertThat(ledger.events(id).get((int) signOff.sequence())).isEqualTo(signOff);
        assertThat(ledger.verify(id).ok()).isTrue();
    }

    @Test
    void retriedSignOffWithoutItsEvidenceHashGetsTheOriginalAnswer() {
        SignedOff sent = new SignedOff(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), "bob", Ledgers.CI,
                "dba", "bob", "reviewed");
        RecordedEvent first = ledger.post(id, sent);
        migration.progress(PHASES.get(0), 100.0, null, null, null);

        RecordedEvent again = ledger.post(id, sent);

        assertThat(again).isEqualTo(first);
        assertThat(ledger.events(id)).filteredOn(recorded -> recorded.event().eventId().equals(sent.eventId()))
                .hasSize(1);
    }

    @Test
    void aSignOffThatBringsItsOwnEvidenceHashIsRefused() {
        SignedOff claimed = new SignedOff(UUID.randomUUID(), Instant.now(), "bob", null, "dba", "bob", null)
                .withEvidenceHash(new EvidenceHash(0, "00".repeat(32)));

        assertThatThrownBy(() -> ledger.post(id, claimed)).isInstanceOfSatisfying(LedgerRejectedException.class,
                rejected -> {
                    assertThat(rejected.status()).isEqualTo(400);
                    assertThat(rejected.errors()).anySatisfy(error -> assertThat(error.field()).isEqualTo("evidenceHash"));
                });
    }

    @Test
    void signOffAmidConcurrentFactsStillBindsTheEventRightBeforeIt() throws Exception {
        AtomicBoolean signing = new AtomicBoolean(true);
        ExecutorService runners = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> facts = new ArrayList<>();
            for (int runner = 0; runner < 3; runner++) {
                facts.add(runners.submit(() -> {
                    while (signing.get()) {
                        migration.progress(PHASES.get(0), 100.0, null, null, null);
                    }
                }));
            }
            List<RecordedEvent> signOffs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                signOffs.add(migration.signOff("dba", "bob", "round " + i));
            }
            signing.set(false);
            for (Future<?> fact : facts) {
                fact.get();
            }

            assertThat(signOffs).allSatisfy(signOff -> assertThat(evidenceOf(signOff)).isEqualTo(
                    new EvidenceHash(signOff.sequence() - 1, storedHash(signOff.sequence() - 1))));
            assertThat(ledger.verify(id).ok()).isTrue();
        } finally {
            signing.set(false);
            runners.shutdownNow();
        }
    }

    private static EvidenceHash evidenceOf(RecordedEvent signOff) {
        return ((SignedOff) signOff.event()).evidenceHash();
    }

    private String storedHash(long sequence) {
        return HexFormat.of().formatHex(jdbc.queryForObject("SELECT eventhash FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND sequencenumber = ?", byte[].class, id, sequence));
    }
}
