package io.ledger.history;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The {@code ledger.history.*} settings; docs/history.md describes them.
 *
 * @param foldCacheSize how many migrations' folds the projection keeps in memory; a miss replays the migration
 * @param defaultLimit  the page size when a request names none
 * @param exportFetchSize how many rows an export pulls from PostgreSQL at a time
 */
@ConfigurationProperties("ledger.history")
@Validated
record HistorySettings(
        @Positive @DefaultValue("2000") int foldCacheSize,
        @Min(1) @Max(HistoryQuery.MAX_LIMIT) @DefaultValue("50") int defaultLimit,
        @Positive @DefaultValue("500") int exportFetchSize) {
}
