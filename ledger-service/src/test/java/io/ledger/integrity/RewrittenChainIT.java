package io.ledger.integrity;

import io.ledger.Ledgers;
import io.ledger.ServiceProcess;
import io.ledger.api.integrity.Checkpoint;
import io.ledger.api.integrity.Tampering;
import io.ledger.api.integrity.Verification;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.LedgerClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The attack only a checkpoint kept outside the ledger exposes: a superuser alters a signed-off event, recomputes its
 * hash and the ledger-wide chain after it as docs/security.md describes, and deletes the checkpoints that would give
 * the rewrite away, which the ledger then signs afresh. On a service of its own, as the ledger stays rewritten.
 */
class RewrittenChainIT {

    @Test
    void storedCheckpointExposesARewrittenChainThatTheLedgerItselfCannot() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "rewritten");
        try (ServiceProcess service = ServiceProcess.start(dataDir, "--ledger.checkpoints.interval=1s");
                Superuser superuser = Superuser.of(dataDir)) {
            LedgerClient ledger = Ledgers.client(service.port());
            List<RecordedEvent> events = SignedOffMigration.run(ledger, "rewritten");
            RecordedEvent signOff = events.get(SignedOffMigration.SIGN_OFF);
            Checkpoint stored = await().atMost(Duration.ofSeconds(30)).until(
                    () -> ledger.latestCheckpoint().orElse(null),
                    checkpoint -> checkpoint != null && checkpoint.position() >= signOff.position());
            assertThat(ledger.verify(stored).ok()).isTrue();

            long rewrittenFrom = rewriteTheSignOff(superuser, signOff);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                // what the ledger re-signs from the rewritten chain is consistent; any checkpoint signed before the
                // rewrite is removed, as the attacker would
                superuser.tamper("DELETE FROM ledger_checkpoint k WHERE chain_seq >= ? AND chain_hash <> "
                        + "(SELECT chain_hash FROM ledger_chain c WHERE c.chain_seq = k.chain_seq)", rewrittenFrom);
                Verification today = ledger.verify();
                assertThat(today.ok()).as("%s", today.firstBroken()).isTrue();
                assertThat(today.checkpoints()).isPositive();
            });
            Verification withStored = ledger.verify(stored);
            assertThat(withStored.ok()).isFalse();
            assertThat(withStored.firstBroken().kind()).isEqualTo(Tampering.CHECKPOINT_MISMATCH);
            assertThat(withStored.firstBroken().position()).isEqualTo(stored.position());
        }
    }

    /** @return the chain entry from which the chain was rewritten */
    private static long rewriteTheSignOff(Superuser superuser, RecordedEvent signOff) throws Exception {
        byte[] payload = superuser.read(byte[].class, "SELECT payload FROM domainevententry WHERE globalindex = ?",
                signOff.position());
        byte[] altered = new String(payload, StandardCharsets.UTF_8).replace("checked on staging", "never checked")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(altered).isNotEqualTo(payload);
        superuser.tamper("UPDATE domainevententry e SET payload = ?, eventhash = ledger_event_hash(e.aggregateidentifier, "
                + "e.sequencenumber, e.eventidentifier, e.type, e.payloadtype, e.payloadrevision, e.timestamp, ?, "
                + "e.metadata, p.eventhash) FROM domainevententry p WHERE e.globalindex = ? "
                + "AND p.aggregateidentifier = e.aggregateidentifier AND p.sequencenumber = e.sequencenumber - 1",
                altered, altered, signOff.position());
        byte[] eventHash = superuser.read(byte[].class, "SELECT eventhash FROM domainevententry WHERE globalindex = ?",
                signOff.position());
        long from = superuser.read(Long.class, "SELECT chain_seq FROM ledger_chain WHERE position = ?",
                signOff.position());
        List<ChainEntry> chain = superuser.query("SELECT " + ChainEntry.COLUMNS + " FROM ledger_chain c "
                + "WHERE c.chain_seq >= ? ORDER BY c.chain_seq", ChainEntry::read, from - 1);
        byte[] previous = chain.get(0).chainHash();
        for (ChainEntry entry : chain.subList(1, chain.size())) {
            boolean altering = entry.chainSeq() == from;
            ChainEntry unlinked = new ChainEntry(entry.chainSeq(), entry.position(), entry.migrationId(),
                    entry.sequence(), entry.eventId(), altering ? sha256(altered) : entry.payloadHash(),
                    entry.metadataHash(), altering ? eventHash : entry.eventHash(), null);
            previous = unlinked.hash(previous);
            superuser.tamper("UPDATE ledger_chain SET payload_hash = ?, event_hash = ?, chain_hash = ? "
                    + "WHERE chain_seq = ?", unlinked.payloadHash(), unlinked.eventHash(), previous, entry.chainSeq());
        }
        return from;
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
