package io.ledger.migration;

import io.ledger.api.MigrationPlan;
import io.ledger.api.Phase;

import java.util.List;

/**
 * How much room a migration takes in a cache whose size is counted in migrations: one, and one more for each
 * {@value #UNIT_BYTES} bytes of text it holds. A count alone let a few hundred plans of near the 1 MiB a body may
 * carry, each held by three caches, fill the heap; weighed, a cache holds about its size times the memory of an
 * ordinary migration, however large the plans.
 */
public final class CacheWeight {

    static final int UNIT_BYTES = 16 * 1024;

    private CacheWeight() {
    }

    /** The weight of a migration that holds {@code bytes} of text. */
    public static int units(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, 1 + Math.max(0, bytes) / UNIT_BYTES);
    }

    // Characters, as Latin-1 strings take a byte each: the weight is an estimate, not an accounting.
    static long textBytes(MigrationPlan plan) {
        long bytes = length(plan.description()) + length(plan.checksum()) + lengths(plan.reviewers())
                + lengths(plan.requiredPrechecks()) + lengths(plan.links());
        for (Phase phase : plan.phases()) {
            bytes += length(phase.name()) + length(phase.action()) + length(phase.verify()) + length(phase.rollback());
        }
        return bytes;
    }

    private static long lengths(List<String> texts) {
        return texts.stream().mapToLong(CacheWeight::length).sum();
    }

    public static long length(String text) {
        return text == null ? 0 : text.length();
    }
}
