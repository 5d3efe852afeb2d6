package io.ledger.api.integrity;

import java.util.List;

/**
 * The answer of {@code /ledger/verify}: whether every chain and checkpoint checked holds, how much was checked, and
 * the first broken link (the one at the lowest ledger position). {@code unsealedEvents} are recent events the
 * sealer has not reached yet, checked against their migration's chain only. {@code invalidatedSignOffs} lists the
 * sign-offs that bind evidence which is broken.
 */
public record Verification(
        boolean ok,
        long checkedEvents,
        long unsealedEvents,
        long checkpoints,
        BrokenLink firstBroken,
        List<BrokenLink> invalidatedSignOffs) {
}
