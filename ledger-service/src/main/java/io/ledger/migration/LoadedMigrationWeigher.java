package io.ledger.migration;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import com.github.benmanes.caffeine.cache.Weigher;
import org.axonframework.eventsourcing.AggregateCacheEntry;

/**
 * Weighs Axon's cache entries of loaded migrations by {@link CacheWeight}. Axon's entry does not hand out the
 * aggregate it holds, so its field is read directly; {@code LoadedMigrationWeigherTest} fails if an Axon upgrade
 * renames it.
 */
final class LoadedMigrationWeigher implements Weigher<Object, Object> {

    private static final VarHandle ROOT = root();

    @Override
    public int weigh(Object key, Object value) {
        return value instanceof AggregateCacheEntry<?> entry && ROOT.get(entry) instanceof Migration migration
                ? migration.cacheWeight() : 1;
    }

    private static VarHandle root() {
        try {
            return MethodHandles.privateLookupIn(AggregateCacheEntry.class, MethodHandles.lookup())
                    .findVarHandle(AggregateCacheEntry.class, "aggregateRoot", Object.class);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalStateException("Axon's AggregateCacheEntry keeps its aggregate elsewhere", e);
        }
    }
}
