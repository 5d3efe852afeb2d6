package io.ledger.client;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one {@link LedgerClient#flush()} did.
 *
 * @param delivered how many spooled requests the ledger acknowledged
 * @param rejected  the spooled requests the ledger refused for good (a {@code 4xx}, such as a refused gate), in
 *                  order; each is also filed in the spool's {@code rejected.log}
 * @param damaged   how many spooled records were damaged on disk (their length or checksum does not match) and so
 *                  could not be delivered; their raw bytes are kept in the spool's {@code damaged.log}
 * @param pending   how many remain spooled because the ledger became unavailable, or {@code -1} when another flusher
 *                  held the spool
 * @param stopped   why delivery stopped with requests still spooled (the ledger unreachable, or refusing the token),
 *                  or null
 * @param otherTokens how many requests other tokens spooled in the same directory, by the directory of each token's
 *                    queue; a flush delivers only its own token's, so that each is recorded with its maker's token
 */
public record FlushResult(int delivered, List<RejectedRequest> rejected, int damaged, int pending, String stopped,
        Map<Path, Integer> otherTokens) {

    public FlushResult {
        rejected = List.copyOf(rejected);
        otherTokens = Map.copyOf(otherTokens);
    }

    /** Whether the spool is empty and everything in it was delivered. */
    public boolean clean() {
        return pending == 0 && rejected.isEmpty() && damaged == 0;
    }

    /**
     * A spooled request the ledger refused on replay.
     *
     * @param kind    {@code plan} or {@code event}
     * @param body    the request's JSON as it was spooled and sent
     * @param problem the ledger's answer, usually problem details
     */
    public record RejectedRequest(String kind, String migrationId, int status, String body, String problem) {
    }
}
