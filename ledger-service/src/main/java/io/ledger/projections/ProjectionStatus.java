package io.ledger.projections;

/**
 * Where one read model stands against the ledger.
 *
 * @param position       the last ledger position it processed, null before its first event
 * @param headPosition   the ledger's newest position
 * @param lagEvents      how many positions it is behind (positions have gaps, so this is an upper bound)
 * @param lagSeconds     how long the oldest event it has not processed has waited; 0 when caught up
 * @param replayProgress between 0 and 1 while replaying, null otherwise
 */
public record ProjectionStatus(
        String name,
        boolean running,
        boolean replaying,
        boolean caughtUp,
        Long position,
        long headPosition,
        long lagEvents,
        double lagSeconds,
        Double replayProgress,
        String error) {
}
