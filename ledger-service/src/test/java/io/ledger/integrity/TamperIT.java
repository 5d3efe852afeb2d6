package io.ledger.integrity;

import io.ledger.Ledgers;
import io.ledger.ServiceProcess;
import io.ledger.api.integrity.BrokenLink;
import io.ledger.api.integrity.Checkpoint;
import io.ledger.api.integrity.Tampering;
import io.ledger.api.integrity.Verification;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.LedgerClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Tampering with the ledger directly in PostgreSQL, as its superuser, in each way docs/security.md lists; verification
 * must name the exact event. On a service of its own, so that the shared test database is never left broken. Each
 * test tampers with a migration of its own and undoes it afterwards, so that the next sees only its own tampering,
 * and the undone ledger must verify again.
 */
class TamperIT {

    private static Path dataDir;
    private static ServiceProcess service;

    private final Deque<Undo> undo = new ArrayDeque<>();
    private LedgerClient ledger;
    private Superuser superuser;

    @BeforeAll
    static void startALedgerOfItsOwn() throws Exception {
        dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "tamper");
        service = ServiceProcess.start(dataDir, "--ledger.checkpoints.interval=1s");
    }

    @AfterAll
    static void stopIt() throws Exception {
        service.close();
    }

    @BeforeEach
    void connect() throws Exception {
        ledger = Ledgers.client(service.port());
        superuser = Superuser.of(dataDir);
    }

    @AfterEach
    void undoTheTampering() throws Exception {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
        superuser.close();
        Verification restored = ledger.verify();
        assertThat(restored.ok()).as("once undone the ledger verifies again: %s", restored.firstBroken()).isTrue();
    }

    @Test
    void untamperedLedgerVerifies() {
        String id = sealed("untampered").get(0).migrationId();

        assertThat(ledger.verify(id).ok()).isTrue();
        assertThat(ledger.verify().ok()).isTrue();
        assertThat(ledger.verify().checkpoints()).isPositive();
    }

    @Test
    void eventsCannotBeUpdatedDeletedOrTruncatedEvenByASuperuser() {
        RecordedEvent planned = sealed("append-only").get(0);

        for (String sql : List.of("UPDATE domainevententry SET payload = payload WHERE globalindex = ?",
                "DELETE FROM domainevententry WHERE globalindex = ?")) {
            assertThatThrownBy(() -> superuser.execute(sql, planned.position())).isInstanceOf(SQLException.class)
                    .hasMessageContaining("domainevententry is append-only");
        }
        assertThatThrownBy(() -> superuser.execute("TRUNCATE domainevententry CASCADE"))
                .hasMessageContaining("domainevententry is append-only: TRUNCATE refused");
        assertThatThrownBy(() -> superuser.execute("UPDATE ledger_chain SET chain_hash = chain_hash"))
                .hasMessageContaining("ledger_chain is append-only: UPDATE refused");
        assertThatThrownBy(() -> superuser.execute("DELETE FROM ledger_checkpoint"))
                .hasMessageContaining("ledger_checkpoint is append-only: DELETE refused");
    }

    @Test
    void changedPayloadIsNamedAndInvalidatesTheSignOffThatBindsIt() throws Exception {
        List<RecordedEvent> events = sealed("payload");
        RecordedEvent applied = events.get(4);
        Checkpoint stored = checkpointCovering(events);
        assertThat(ledger.verify(stored).ok()).isTrue();

        byte[] payload = column("payload", applied);
        tamper("payload", applied, replace(payload, "\"durationMs\":412", "\"durationMs\":41"));

        assertBroken(ledger.verify(applied.migrationId()), Tampering.PAYLOAD_CHANGED, applied);
        Verification whole = ledger.verify();
        assertBroken(whole, Tampering.PAYLOAD_CHANGED, applied);
        assertThat(whole.invalidatedSignOffs()).singleElement().satisfies(signOff -> {
            assertThat(signOff.migrationId()).isEqualTo(applied.migrationId());
            assertThat(signOff.sequence()).isEqualTo(SignedOffMigration.SIGN_OFF);
            assertThat(signOff.eventId()).isEqualTo(events.get(SignedOffMigration.SIGN_OFF).event().eventId().toString());
        });
        assertThat(ledger.verify(stored).ok()).as("a stored checkpoint fails once what it covers changed").isFalse();
    }

    @Test
    void everyBrokenMigrationIsListedAndASuppliedCheckpointJudgedApartFromTheRest() throws Exception {
        List<RecordedEvent> first = sealed("listed-first");
        List<RecordedEvent> second = sealed("listed-second");
        Checkpoint stored = checkpointCovering(second);
        RecordedEvent earlier = first.get(4);
        RecordedEvent later = second.get(4);

        tamper("payload", earlier, replace(column("payload", earlier), "\"durationMs\":412", "\"durationMs\":41"));
        tamper("payload", later, replace(column("payload", later), "\"durationMs\":412", "\"durationMs\":4"));
        Verification whole = ledger.verify(stored);

        assertBroken(whole, Tampering.PAYLOAD_CHANGED, earlier);
        assertThat(whole.broken()).extracting(BrokenLink::kind, BrokenLink::migrationId, BrokenLink::position)
                .containsSubsequence(tuple(Tampering.PAYLOAD_CHANGED, earlier.migrationId(), earlier.position()),
                        tuple(Tampering.PAYLOAD_CHANGED, later.migrationId(), later.position()));
        assertThat(whole.suppliedCheckpoint()).as("the chain it signs was not rewritten").isNull();
        Checkpoint forged = new Checkpoint(stored.events(), stored.position(), "00".repeat(32), stored.createdAt(),
                stored.keyId(), stored.algorithm(), stored.publicKey(), stored.signature());
        assertThat(ledger.verify(forged).suppliedCheckpoint()).satisfies(checkpoint -> {
            assertThat(checkpoint.kind()).isEqualTo(Tampering.BAD_CHECKPOINT_SIGNATURE);
            assertThat(checkpoint.migrationId()).as("a signature concerns no event").isNull();
            assertThat(checkpoint.eventId()).isNull();
        });
    }

    @Test
    void changedMetadataIsNamed() throws Exception {
        RecordedEvent precheck = sealed("metadata").get(1);

        tamper("metadata", precheck, "{\"principal\":\"mallory\"}".getBytes(StandardCharsets.UTF_8));

        assertBroken(ledger.verify(precheck.migrationId()), Tampering.METADATA_CHANGED, precheck);
        assertBroken(ledger.verify(), Tampering.METADATA_CHANGED, precheck);
    }

    @Test
    void deletedEventIsNamed() throws Exception {
        RecordedEvent started = sealed("deleted").get(3);
        List<Object> row = superuser.row("SELECT globalindex, aggregateidentifier, sequencenumber, type, "
                + "eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp, eventhash "
                + "FROM domainevententry WHERE globalindex = ?", started.position());

        superuser.tamper("DELETE FROM domainevententry WHERE globalindex = ?", started.position());
        undo.push(() -> superuser.tamper("INSERT INTO domainevententry (globalindex, aggregateidentifier, "
                + "sequencenumber, type, eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp, "
                + "eventhash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row.toArray()));

        assertBroken(ledger.verify(started.migrationId()), Tampering.EVENT_DELETED, started);
        assertBroken(ledger.verify(), Tampering.EVENT_DELETED, started);
    }

    @Test
    void anEventDeletedWithItsSealIsABrokenChainThatBlamesNoOtherMigration() throws Exception {
        RecordedEvent signOff = sealed("deleted-with-seal").get(SignedOffMigration.SIGN_OFF);
        String next = sealed("after-the-deleted").get(0).migrationId();
        String eventColumns = "globalindex, aggregateidentifier, sequencenumber, type, eventidentifier, metadata, "
                + "payload, payloadrevision, payloadtype, timestamp, eventhash";
        String entryColumns = "chain_seq, position, migration_id, sequence, event_id, payload_hash, metadata_hash, "
                + "event_hash, chain_hash";
        List<Object> event = superuser.row("SELECT " + eventColumns + " FROM domainevententry WHERE globalindex = ?",
                signOff.position());
        List<Object> entry = superuser.row("SELECT " + entryColumns + " FROM ledger_chain WHERE position = ?",
                signOff.position());

        superuser.tamper("DELETE FROM domainevententry WHERE globalindex = ?", signOff.position());
        superuser.tamper("DELETE FROM ledger_chain WHERE position = ?", signOff.position());
        undo.push(() -> {
            superuser.tamper("INSERT INTO domainevententry (" + eventColumns
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", event.toArray());
            superuser.tamper("INSERT INTO ledger_chain (" + entryColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    entry.toArray());
        });

        Verification whole = ledger.verify();
        assertThat(whole.ok()).isFalse();
        assertThat(whole.firstBroken().kind()).isIn(Tampering.CHAIN_ALTERED, Tampering.CHECKPOINT_MISMATCH);
        assertThat(whole.firstBroken().migrationId()).as("the deleted entry's migration is unknown").isNull();
        assertThat(whole.invalidatedSignOffs()).as("%s's sign-off binds events that did not change", next).isEmpty();
        Verification alone = ledger.verify(signOff.migrationId());
        assertThat(alone.ok()).as("a migration that lost its last event and its seal is not intact").isFalse();
        assertThat(alone.firstBroken().kind()).isEqualTo(Tampering.CHAIN_ALTERED);
        assertThat(alone.firstBroken().message()).contains("1 entry of the ledger-wide chain is missing");
    }

    @Test
    void reorderedEventsAreNamed() throws Exception {
        List<RecordedEvent> events = sealed("reordered");
        RecordedEvent applied = events.get(4);
        RecordedEvent verified = events.get(5);

        store(applied, verified.sequence(), verified, applied.sequence());
        undo.push(() -> store(applied, applied.sequence(), verified, verified.sequence()));

        assertBroken(ledger.verify(applied.migrationId()), Tampering.EVENT_REORDERED, applied);
        assertBroken(ledger.verify(), Tampering.EVENT_REORDERED, applied);
    }

    @Test
    void forgedInsertThatDoesNotChainIsNamed() throws Exception {
        List<RecordedEvent> events = sealed("forged");
        String id = events.get(0).migrationId();
        String eventId = UUID.randomUUID().toString();

        long position = superuser.tamper(Long.class, "INSERT INTO domainevententry (aggregateidentifier, "
                + "sequencenumber, type, eventidentifier, metadata, payload, payloadtype, timestamp, eventhash) "
                + "VALUES (?, ?, 'Migration', ?, '{}', ?, 'io.ledger.api.event.SignedOff', '2026-05-12T03:00:00Z', ?) "
                + "RETURNING globalindex",
                id, (long) events.size(), UUID.randomUUID().toString(), signOffBy("mallory", eventId),
                new byte[32]);
        undo.push(() -> superuser.tamper("DELETE FROM domainevententry WHERE globalindex = ?", position));

        for (Verification verification : List.of(ledger.verify(id), ledger.verify())) {
            assertThat(verification.firstBroken()).satisfies(broken -> {
                assertThat(broken.kind()).isEqualTo(Tampering.FORGED_INSERT);
                assertThat(broken.migrationId()).isEqualTo(id);
                assertThat(broken.sequence()).isEqualTo(events.size());
                assertThat(broken.position()).isEqualTo(position);
                assertThat(broken.eventId()).isEqualTo(eventId);
            });
        }
        // The sealer reaches it and leaves it out of the chain rather than seal a forgery.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ledger.verify(id).firstBroken().message())
                .contains("was never sealed although the sealer passed that position"));
    }

    @Test
    void forgedInsertBehindTheSealerIsNamedEvenWhenItChains() throws Exception {
        List<RecordedEvent> events = sealed("forged-behind");
        String id = events.get(0).migrationId();
        long behind = -1 - Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000);

        // Whoever knows docs/security.md can chain a forged event with the ledger's own function.
        superuser.tamper("INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type, "
                + "eventidentifier, metadata, payload, payloadtype, timestamp, eventhash) "
                + "SELECT ?, p.aggregateidentifier, p.sequencenumber + 1, 'Migration', f.id, '{}', f.payload, "
                + "'io.ledger.api.event.SignedOff', '2026-05-12T03:00:00Z', ledger_event_hash(p.aggregateidentifier, "
                + "p.sequencenumber + 1, f.id, 'Migration', 'io.ledger.api.event.SignedOff', NULL, "
                + "'2026-05-12T03:00:00Z', f.payload, '{}', p.eventhash) "
                + "FROM domainevententry p, (SELECT ?::text AS id, ?::bytea AS payload) f "
                + "WHERE p.aggregateidentifier = ? AND p.sequencenumber = ?", behind, UUID.randomUUID().toString(),
                signOffBy("mallory", UUID.randomUUID().toString()), id, (long) events.size() - 1);
        undo.push(() -> superuser.tamper("DELETE FROM domainevententry WHERE globalindex = ?", behind));

        for (Verification verification : List.of(ledger.verify(id), ledger.verify())) {
            assertThat(verification.firstBroken()).satisfies(broken -> {
                assertThat(broken.kind()).isEqualTo(Tampering.FORGED_INSERT);
                assertThat(broken.sequence()).isEqualTo(events.size());
                assertThat(broken.position()).isEqualTo(behind);
            });
        }
    }

    @Test
    void alteredSignOffEvidenceIsNamed() throws Exception {
        List<RecordedEvent> events = sealed("sign-off");
        RecordedEvent signOff = events.get(SignedOffMigration.SIGN_OFF);
        byte[] payload = column("payload", signOff);
        String bound = "\"sequence\":" + (SignedOffMigration.SIGN_OFF - 1);

        tamper("payload", signOff, replace(payload, bound, "\"sequence\":" + (SignedOffMigration.SIGN_OFF - 2)));

        assertBroken(ledger.verify(signOff.migrationId()), Tampering.SIGN_OFF_INVALIDATED, signOff);
        assertBroken(ledger.verify(), Tampering.SIGN_OFF_INVALIDATED, signOff);
    }

    @Test
    void checkpointWithABadSignatureIsNamed() throws Exception {
        Checkpoint checkpoint = checkpointCovering(sealed("checkpoint"));
        byte[] signature = Base64.getDecoder().decode(checkpoint.signature());
        byte[] forged = signature.clone();
        forged[forged.length - 1] ^= 1;

        superuser.tamper("UPDATE ledger_checkpoint SET signature = ? WHERE chain_seq = ?", forged, checkpoint.events());
        undo.push(() -> superuser.tamper("UPDATE ledger_checkpoint SET signature = ? WHERE chain_seq = ?", signature,
                checkpoint.events()));

        Verification verification = ledger.verify();
        assertThat(verification.ok()).isFalse();
        assertThat(verification.firstBroken().kind()).isEqualTo(Tampering.BAD_CHECKPOINT_SIGNATURE);
        assertThat(verification.firstBroken().position()).isEqualTo(checkpoint.position());
        assertThat(verification.invalidatedSignOffs()).as("no event changed").isEmpty();
    }

    /** A signed-off migration, once every one of its events is sealed. */
    private List<RecordedEvent> sealed(String name) {
        List<RecordedEvent> events = SignedOffMigration.run(ledger, name);
        String id = events.get(0).migrationId();
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.verify(id).unsealedEvents() == 0);
        return events;
    }

    private Checkpoint checkpointCovering(List<RecordedEvent> events) {
        long last = events.stream().mapToLong(RecordedEvent::position).max().orElseThrow();
        return await().atMost(Duration.ofSeconds(30)).until(() -> ledger.latestCheckpoint().orElse(null),
                checkpoint -> checkpoint != null && checkpoint.position() >= last);
    }

    private byte[] column(String column, RecordedEvent event) throws SQLException {
        return superuser.read(byte[].class, "SELECT " + column + " FROM domainevententry WHERE globalindex = ?",
                event.position());
    }

    /** Replaces one column of the event's row, and its original afterwards. */
    private void tamper(String column, RecordedEvent event, byte[] value) throws SQLException {
        byte[] original = column(column, event);
        String update = "UPDATE domainevententry SET " + column + " = ? WHERE globalindex = ?";
        superuser.tamper(update, value, event.position());
        undo.push(() -> superuser.tamper(update, original, event.position()));
    }

    /** Stores two events of a migration at the given sequences, through a free one: each sequence is unique. */
    private void store(RecordedEvent first, long firstSequence, RecordedEvent second, long secondSequence)
            throws SQLException {
        String move = "UPDATE domainevententry SET sequencenumber = ? WHERE globalindex = ?";
        superuser.tamper(move, -1L, first.position());
        superuser.tamper(move, secondSequence, second.position());
        superuser.tamper(move, firstSequence, first.position());
    }

    private static byte[] replace(byte[] payload, String from, String to) {
        String json = new String(payload, StandardCharsets.UTF_8);
        assertThat(json).contains(from);
        return json.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] signOffBy(String signer, String eventId) {
        return ("{\"type\":\"signed-off\",\"eventId\":\"" + eventId + "\",\"occurredAt\":\"2026-05-12T03:00:00Z\","
                + "\"actor\":\"" + signer + "\",\"role\":\"dba\",\"signer\":\"" + signer + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void assertBroken(Verification verification, Tampering kind, RecordedEvent event) {
        assertThat(verification.ok()).isFalse();
        assertThat(verification.firstBroken()).satisfies(broken -> {
            assertThat(broken.kind()).isEqualTo(kind);
            assertThat(broken.migrationId()).isEqualTo(event.migrationId());
            assertThat(broken.sequence()).isEqualTo(event.sequence());
            assertThat(broken.position()).isEqualTo(event.position());
            assertThat(broken.eventId()).isEqualTo(event.event().eventId().toString());
            assertThat(broken.message()).isNotBlank();
        });
    }

    private interface Undo {
        void run() throws Exception;
    }
}
