package io.ledger.policy;

import java.util.List;

/**
 * Whether a {@code rolled-back} reversed anything: a phase that ran. Only the migration's lifecycle knows which
 * phases ran, so the migration feature answers; a rollback that names only phases never started (or none of the
 * plan's) does not pass a failure as rolled back.
 */
@FunctionalInterface
public interface Reversals {

    /**
     * @param sequence the rollback's sequence: the phases are judged as they stood right before it
     * @param phases   the phases it names
     */
    boolean reversesAny(String migrationId, long sequence, List<String> phases);
}
