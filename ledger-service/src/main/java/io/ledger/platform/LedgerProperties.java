package io.ledger.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code ledger.*} settings; docs/configuration.md describes each one.
 *
 * @param embedded the embedded PostgreSQL, used when no {@code spring.datasource.url} is set
 * @param maxBodyBytes the largest request body accepted
 * @param maxClockSkew how far a runner's clock may differ from the ledger's
 * @param migrationCacheSize how many migrations stay loaded in memory between their events, and how many plans are
 *                           kept for judging their gates; each holds its plan, its state and the eventId and
 *                           sequence of every event it answered
 * @param writeCommitters how many threads append batches of writes, each in its own transaction
 * @param readModelDelay how long after a commit the read models and the sealer are woken to read it; what commits
 *                       meanwhile is handled in the same batch
 * @param readModelReadAhead how many bytes of events each read model and the sealer may read ahead of those it has
 *                           handled
 */
@ConfigurationProperties("ledger")
@Validated
public record LedgerProperties(
        @Valid @DefaultValue Embedded embedded,
        @Positive @DefaultValue("1048576") long maxBodyBytes,
        @NotNull @DurationMin(millis = 0) @DefaultValue("5m") Duration maxClockSkew,
        @Positive @DefaultValue("1000") int migrationCacheSize,
        @Positive @DefaultValue("2") int writeCommitters,
        @NotNull @DurationMin(millis = 0) @DefaultValue("50ms") Duration readModelDelay,
        @NotNull @DefaultValue("8MB") DataSize readModelReadAhead) {

    public LedgerProperties {
        if (readModelReadAhead != null && readModelReadAhead.toBytes() < 1) {
            throw new IllegalArgumentException("ledger.read-model-read-ahead must be at least 1B, was "
                    + readModelReadAhead);
        }
    }

    /**
     * @param dataDir where the cluster, its password and its log live; survives restarts
     * @param binariesDir where the PostgreSQL binaries are extracted, shared by every ledger on the machine
     */
    public record Embedded(@NotNull @DefaultValue("./data") Path dataDir, Path binariesDir) {

        public Embedded {
            if (binariesDir == null) {
                binariesDir = Path.of(System.getProperty("java.io.tmpdir"), "migration-ledger-postgres");
            }
        }
    }
}
