package io.ledger.api.integrity;

import java.util.List;

/**
 * The answer of {@code /ledger/verify}: whether every chain and checkpoint checked holds, how much was checked, and
 * the first broken link (the one at the lowest ledger position). {@code unsealedEvents} are recent events the
 * sealer has not reached yet, checked against their migration's chain only. {@code invalidatedSignOffs} lists the
 * sign-offs that bind evidence which is broken. {@code broken} lists every place found broken, by position: the
 * first broken link of each migration and each break of the ledger-wide chain or a checkpoint (at most 100 of each).
 * {@code suppliedCheckpoint} is what is wrong with the checkpoint the caller brought, if anything (null when it holds
 * or none was brought), whatever else is broken.
 */
public record Verification(
        boolean ok,
        long checkedEvents,
        long unsealedEvents,
        long checkpoints,
        BrokenLink firstBroken,
        List<BrokenLink> invalidatedSignOffs,
        List<BrokenLink> broken,
        BrokenLink suppliedCheckpoint) {

    public Verification {
        invalidatedSignOffs = invalidatedSignOffs == null ? List.of() : List.copyOf(invalidatedSignOffs);
        broken = broken == null ? List.of() : List.copyOf(broken);
    }
}
