package io.ledger.client;

import java.nio.file.Path;
import java.util.List;

/**
 * The ledger refused requests of this migration that the spool delivered after the calls that made them had returned
 * (they threw {@link SpooledException}): had the ledger been up, those calls would have thrown the refusal. It is
 * thrown once, by the client's next request of the migration, which was <em>neither sent nor spooled</em>: the runbook
 * the runner follows is missing what was refused, so whether to go on is the runner's to decide. Each refusal is
 * also filed in the spool's {@code rejected.log}.
 */
public final class SpoolRefusedException extends LedgerException {

    private final String migrationId;
    private final List<FlushResult.RejectedRequest> refused;
    private final Path spool;

    /** @param why each refusal in a few words: its kind, status and the ledger's explanation */
    SpoolRefusedException(String migrationId, List<FlushResult.RejectedRequest> refused, List<String> why,
            Path spool) {
        super("the ledger refused " + refused.size() + " spooled request(s) of " + migrationId + " when they were "
                + "delivered (filed in " + spool.resolve("rejected.log") + "): " + String.join("; ", why)
                + "; this request was not sent");
        this.migrationId = migrationId;
        this.refused = List.copyOf(refused);
        this.spool = spool;
    }

    public String migrationId() {
        return migrationId;
    }

    /** The refused requests, in the order they were spooled. */
    public List<FlushResult.RejectedRequest> refused() {
        return refused;
    }

    /** The spool directory whose {@code rejected.log} holds them. */
    public Path spool() {
        return spool;
    }
}
