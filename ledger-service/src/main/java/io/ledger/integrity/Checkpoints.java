package io.ledger.integrity;

import io.ledger.api.integrity.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The signed checkpoints of the ledger-wide chain. One is written when the chain has grown
 * {@code ledger.checkpoints.max-unsigned-events} entries past the last, or {@code ledger.checkpoints.interval} after
 * it, whichever comes first; a quiet ledger gets no new ones.
 */
@Component
class Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

    private final JdbcTemplate jdbc;
    private final CheckpointKeys keys;
    private final CheckpointSettings settings;
    private final Clock clock = Clock.systemUTC();

    Checkpoints(JdbcTemplate jdbc, CheckpointKeys keys, CheckpointSettings settings) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.settings = settings;
    }

    /**
     * A ledger whose latest checkpoint is signed with a key it does not trust lost or replaced its signing key (a
     * generated one is made again, silently, when its file is gone): every verification will call those checkpoints
     * badly signed. Said once at start, with the fix, rather than first at an auditor's next verification.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warnWhenTheLatestIsSignedWithAnUntrustedKey() {
        latest().filter(last -> !keys.trusts(last.keyId())).ifPresent(last -> log.error("The latest checkpoint ({} "
                + "events, {}) is signed with key {}, which this ledger does not trust: it signs with key {} now. "
                + "Restore the key that signed it, or list its public key in "
                + "ledger.checkpoints.previous-public-key-files; until then verification reports every checkpoint "
                + "that key signed as bad-checkpoint-signature (docs/operations.md).", last.events(), last.createdAt(),
                last.keyId(), keys.keyId()));
    }

    @Scheduled(fixedDelay = 1, timeUnit = TimeUnit.SECONDS)
    void signWhenDue() {
        jdbc.query("SELECT chain_seq, position, chain_hash FROM ledger_chain ORDER BY chain_seq DESC LIMIT 1",
                        (row, n) -> new Head(row.getLong("chain_seq"), row.getLong("position"), row.getBytes("chain_hash")))
                .stream().findFirst().filter(this::due).ifPresent(this::sign);
    }

    List<Checkpoint> after(long events, int limit) {
        return jdbc.query("SELECT * FROM ledger_checkpoint WHERE chain_seq > ? ORDER BY chain_seq LIMIT ?", row(),
                events, limit);
    }

    Optional<Checkpoint> latest() {
        return jdbc.query("SELECT * FROM ledger_checkpoint ORDER BY chain_seq DESC LIMIT 1", row()).stream().findFirst();
    }

    private boolean due(Head head) {
        Optional<Checkpoint> last = latest();
        if (last.isEmpty()) {
            return true;
        }
        long unsigned = head.chainSeq() - last.get().events();
        return unsigned >= settings.maxUnsignedEvents() || unsigned > 0
                && !Duration.between(last.get().createdAt(), clock.instant()).minus(settings.interval()).isNegative();
    }

    private void sign(Head head) {
        // Whole milliseconds survive timestamptz and every JSON parser unchanged, so the signed text can be rebuilt.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String text = new Checkpoint(head.chainSeq(), head.position(), HexFormat.of().formatHex(head.chainHash()), now,
                keys.keyId(), null, null, null).signedText();
        // A second instance may have signed the same head; one checkpoint is enough.
        jdbc.update("INSERT INTO ledger_checkpoint (chain_seq, position, chain_hash, created_at, key_id, signature) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chain_seq) DO NOTHING",
                head.chainSeq(), head.position(), head.chainHash(), now.atOffset(ZoneOffset.UTC), keys.keyId(),
                keys.sign(text));
    }

    private RowMapper<Checkpoint> row() {
        return (row, n) -> {
            String keyId = row.getString("key_id");
            return new Checkpoint(row.getLong("chain_seq"), row.getLong("position"),
                    HexFormat.of().formatHex(row.getBytes("chain_hash")),
                    row.getObject("created_at", OffsetDateTime.class).toInstant(), keyId, KeyFiles.ALGORITHM,
                    keys.publicKey(keyId).orElse(null), Base64.getEncoder().encodeToString(row.getBytes("signature")));
        };
    }

    private record Head(long chainSeq, long position, byte[] chainHash) {
    }
}
