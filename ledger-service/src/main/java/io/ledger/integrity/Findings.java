package io.ledger.integrity;

import io.ledger.api.integrity.BrokenLink;
import io.ledger.api.integrity.Tampering;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a verification found, kept small whatever the ledger's size: the first broken link (lowest position; the
 * first found among equals), the first of each broken migration and every break of the ledger-wide chain or a
 * checkpoint, so that an auditor finds every place in one answer, and from which sequence on each migration's events
 * are broken, for the sign-offs that bind them.
 */
final class Findings {

    /** Beyond this many broken migrations the ledger is plainly rewritten; their sign-offs are not all listed. */
    static final int MAX_MIGRATIONS = 100;

    private static final Comparator<BrokenLink> LEDGER_ORDER = Comparator.comparing(BrokenLink::position);

    /**
     * Findings about the ledger-wide chain or a checkpoint, not about an event of a migration: the event concerned is
     * where the break shows, not what changed (a deleted entry shows at the next one, of whatever migration), so they
     * invalidate no migration's sign-offs.
     */
    private static final Set<Tampering> LEDGER_WIDE = EnumSet.of(Tampering.CHAIN_ALTERED,
            Tampering.CHECKPOINT_MISMATCH, Tampering.BAD_CHECKPOINT_SIGNATURE);

    private BrokenLink first;
    private final Map<String, Long> brokenFrom = new LinkedHashMap<>();
    private final Map<String, BrokenLink> firstOfMigration = new LinkedHashMap<>();
    private final List<BrokenLink> ledgerWide = new ArrayList<>();

    void add(BrokenLink link) {
        if (first == null || LEDGER_ORDER.compare(link, first) < 0) {
            first = link;
        }
        if (LEDGER_WIDE.contains(link.kind()) || link.migrationId() == null) {
            if (ledgerWide.size() < MAX_MIGRATIONS) {
                ledgerWide.add(link);
            }
        } else if (firstOfMigration.size() < MAX_MIGRATIONS || firstOfMigration.containsKey(link.migrationId())) {
            firstOfMigration.merge(link.migrationId(), link,
                    (known, other) -> LEDGER_ORDER.compare(other, known) < 0 ? other : known);
        }
        if (link.migrationId() != null && link.sequence() != null && !LEDGER_WIDE.contains(link.kind())
                && (brokenFrom.size() < MAX_MIGRATIONS || brokenFrom.containsKey(link.migrationId()))) {
            brokenFrom.merge(link.migrationId(), link.sequence(), Math::min);
        }
    }

    BrokenLink first() {
        return first;
    }

    /** The first broken link of each migration and each ledger-wide one, by position; at most 100 of each. */
    List<BrokenLink> broken() {
        List<BrokenLink> broken = new ArrayList<>(firstOfMigration.values());
        broken.addAll(ledgerWide);
        broken.sort(LEDGER_ORDER);
        return broken;
    }

    /** Each broken migration and the lowest sequence at which it is broken. */
    Map<String, Long> brokenFrom() {
        return brokenFrom;
    }
}
