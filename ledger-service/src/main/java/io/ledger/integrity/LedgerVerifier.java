package io.ledger.integrity;

import io.ledger.api.event.SignedOff;
import io.ledger.api.integrity.BrokenLink;
import io.ledger.api.integrity.Checkpoint;
import io.ledger.api.integrity.Tampering;
import io.ledger.api.integrity.Verification;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recomputes the ledger's evidence: each sealed entry's link in the ledger-wide chain and the event it seals, every
 * event not sealed, and every checkpoint's signature and chain hash. One REPEATABLE READ snapshot makes the event
 * table, the chain, the checkpoints and the sealer's progress agree; rows are streamed, never all held.
 */
@Component
class LedgerVerifier {

    private static final int FETCH_SIZE = 100;

    private static final String SEALED = "SELECT " + ChainEntry.COLUMNS + ", "
            + "q.chain_hash AS previous_chain_hash, p.event_hash AS previous_event_hash, " + StoredEvent.COLUMNS
            + " FROM ledger_chain c"
            + " LEFT JOIN ledger_chain q ON q.chain_seq = c.chain_seq - 1"
            + " LEFT JOIN ledger_chain p ON p.migration_id = c.migration_id AND p.sequence = c.sequence - 1"
            + " LEFT JOIN domainevententry e ON e.globalindex = c.position";

    private static final String UNSEALED = "SELECT " + StoredEvent.COLUMNS + ", p.eventhash AS previous_event_hash"
            + " FROM domainevententry e"
            + " LEFT JOIN domainevententry p"
            + " ON p.aggregateidentifier = e.aggregateidentifier AND p.sequencenumber = e.sequencenumber - 1"
            + " WHERE NOT EXISTS (SELECT 1 FROM ledger_chain c WHERE c.position = e.globalindex)";

    private static final String CHECKPOINTS = "SELECT k.chain_seq AS events, k.position AS checkpoint_position,"
            + " k.chain_hash AS checkpoint_hash, k.created_at, k.key_id, k.signature, " + ChainEntry.COLUMNS
            + " FROM ledger_checkpoint k LEFT JOIN ledger_chain c ON c.chain_seq = k.chain_seq ORDER BY k.chain_seq";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final CheckpointKeys keys;
    private final Serializer serializer;

    LedgerVerifier(DataSource dataSource, PlatformTransactionManager transactions, CheckpointKeys keys,
            org.axonframework.config.Configuration axon) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(FETCH_SIZE);
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        this.keys = keys;
        this.serializer = axon.serializer();
    }

    /** The whole ledger, and {@code stored}, a checkpoint kept outside it, when given. */
    Verification verify(Checkpoint stored) {
        return snapshot.execute(status -> {
            Run run = new Run(null);
            run.checkCheckpoints();
            if (stored != null) {
                run.checkpoints++;
                run.supplied = BrokenLinks.ofCheckpoint(stored, keys, run.entry(stored.events())).orElse(null);
                if (run.supplied != null) {
                    run.findings.add(run.supplied);
                }
            }
            return run.result();
        });
    }

    /**
     * One migration: its events, their entries in the ledger-wide chain and those entries' links, and whether the
     * chain misses an entry anywhere: an event deleted with its seal leaves no trace in its migration's own entries.
     * Empty when the ledger never held the migration.
     */
    Optional<Verification> verify(String migrationId) {
        return snapshot.execute(status -> {
            Run run = new Run(migrationId);
            if (run.events == 0 && run.sealedEntries == 0) {
                return Optional.empty();
            }
            run.checkTheChainIsWhole();
            return Optional.of(run.result());
        });
    }

    /** One verification, inside the snapshot: the events are checked as soon as it is made. */
    private final class Run {

        private final Findings findings = new Findings();
        private final GapAwareTrackingToken sealer = sealerToken();
        private long events;
        private long sealedEntries;
        private long unsealed;
        private long checkpoints;
        private BrokenLink supplied;

        Run(String migrationId) {
            Object[] scope = migrationId == null ? new Object[0] : new Object[] {migrationId};
            jdbc.query(SEALED + (migrationId == null ? "" : " WHERE c.migration_id = ?") + " ORDER BY c.chain_seq",
                    row -> {
                        sealedEntries++;
                        StoredEvent event = row.getObject("globalindex") == null ? null : StoredEvent.read(row);
                        if (event != null) {
                            events++;
                        }
                        BrokenLinks.ofSealed(ChainEntry.read(row), row.getBytes("previous_chain_hash"),
                                row.getBytes("previous_event_hash"), event).ifPresent(findings::add);
                    }, scope);
            jdbc.query(UNSEALED + (migrationId == null ? "" : " AND e.aggregateidentifier = ?")
                    + " ORDER BY e.globalindex", row -> {
                        events++;
                        StoredEvent event = StoredEvent.read(row);
                        Optional<BrokenLink> broken = BrokenLinks.ofUnsealed(event, passed(event.position()),
                                row.getBytes("previous_event_hash"));
                        broken.ifPresentOrElse(findings::add, () -> unsealed++);
                    }, scope);
        }

        void checkCheckpoints() {
            jdbc.query(CHECKPOINTS, row -> {
                checkpoints++;
                ChainEntry last = row.getObject("chain_seq") == null ? null : ChainEntry.read(row);
                BrokenLinks.ofCheckpoint(checkpoint(row), keys, last).ifPresent(findings::add);
            });
        }

        /** The chain is numbered without gaps, so fewer entries than its highest number means some were deleted. */
        void checkTheChainIsWhole() {
            jdbc.query("SELECT count(*) AS held, coalesce(max(chain_seq), 0) AS numbered FROM ledger_chain", row -> {
                long missing = row.getLong("numbered") - row.getLong("held");
                if (missing > 0) {
                    jdbc.query("SELECT c.chain_seq, c.position FROM ledger_chain c WHERE c.chain_seq > 1 "
                            + "AND NOT EXISTS (SELECT 1 FROM ledger_chain p WHERE p.chain_seq = c.chain_seq - 1) "
                            + "ORDER BY c.chain_seq LIMIT 1", after -> {
                        findings.add(new BrokenLink(Tampering.CHAIN_ALTERED, null, null, after.getLong("position"),
                                null, (missing == 1 ? "1 entry of the ledger-wide chain is missing, before entry "
                                : missing + " entries of the ledger-wide chain are missing, the first before entry ")
                                + after.getLong("chain_seq") + ": events were deleted with their seals, of this "
                                + "migration or another; the whole ledger's verification lists where, under broken"));
                    });
                }
            });
        }

        ChainEntry entry(long chainSeq) {
            return jdbc.query("SELECT " + ChainEntry.COLUMNS + " FROM ledger_chain c WHERE c.chain_seq = ?",
                    (row, n) -> ChainEntry.read(row), chainSeq).stream().findFirst().orElse(null);
        }

        Verification result() {
            return new Verification(findings.first() == null, events, unsealed, checkpoints, findings.first(),
                    invalidatedSignOffs(), findings.broken(), supplied);
        }

        /** Every sign-off at or after the first broken event of its migration binds evidence that is broken. */
        private List<BrokenLink> invalidatedSignOffs() {
            List<BrokenLink> signOffs = new ArrayList<>();
            for (Map.Entry<String, Long> broken : findings.brokenFrom().entrySet()) {
                jdbc.query("SELECT " + StoredEvent.COLUMNS + " FROM domainevententry e"
                                + " WHERE e.aggregateidentifier = ? AND e.payloadtype = ? AND e.sequencenumber >= ?"
                                + " ORDER BY e.sequencenumber", row -> {
                            StoredEvent signOff = StoredEvent.read(row);
                            signOffs.add(new BrokenLink(Tampering.SIGN_OFF_INVALIDATED, broken.getKey(),
                                    signOff.sequence(), signOff.position(), signOff.eventId(), "this sign-off binds "
                                    + "the events of " + broken.getKey() + " before it, and they are broken from event "
                                    + broken.getValue() + " on"));
                        }, broken.getKey(), SignedOff.class.getName(), broken.getValue());
            }
            return signOffs;
        }

        /** Whether the sealer has gone past {@code position}: not beyond its token, nor in a gap it waits on. */
        private boolean passed(long position) {
            return sealer != null && position <= sealer.getIndex() && !sealer.getGaps().contains(position);
        }

        private GapAwareTrackingToken sealerToken() {
            List<TrackingToken> tokens = jdbc.query("SELECT token, tokentype FROM tokenentry"
                            + " WHERE processorname = ? AND token IS NOT NULL", (row, n) -> serializer.deserialize(
                    new SimpleSerializedObject<>(row.getBytes("token"), byte[].class, row.getString("tokentype"),
                            null)), Sealer.PROCESSOR);
            return tokens.stream().map(WrappedToken::unwrapLowerBound).filter(GapAwareTrackingToken.class::isInstance)
                    .map(GapAwareTrackingToken.class::cast).findFirst().orElse(null);
        }

        private Checkpoint checkpoint(ResultSet row) throws SQLException {
            String keyId = row.getString("key_id");
            return new Checkpoint(row.getLong("events"), row.getLong("checkpoint_position"),
                    HexFormat.of().formatHex(row.getBytes("checkpoint_hash")),
                    row.getObject("created_at", OffsetDateTime.class).toInstant(), keyId, KeyFiles.ALGORITHM, null,
                    Base64.getEncoder().encodeToString(row.getBytes("signature")));
        }
    }
}
