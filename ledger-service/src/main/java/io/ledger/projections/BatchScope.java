package io.ledger.projections;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a read model gathers while its processor hands it one batch of events, written once just before the batch's
 * transaction commits. A pooled streaming processor handles up to {@code batch-size} events in one unit of work and
 * one transaction, together with its token, but calls the handlers one event at a time: a read model that writes as
 * each event comes pays a statement or more per event. Gathered per batch, it writes each migration once, or all its
 * rows in one JDBC batch.
 *
 * <p>The gathered state is written in the unit of work's prepare-commit phase, in the batch's transaction and before
 * it commits: a failure rolls the batch back, rows and token alike, and the processor hands the same events over
 * again, exactly as when a handler's statement fails.
 *
 * @param <B> what is gathered during one batch
 */
public final class BatchScope<B> {

    private final String key;
    private final Supplier<B> start;
    private final Consumer<B> write;

    /**
     * @param name  names the scope among the unit of work's resources
     * @param start the empty state of a new batch
     * @param write writes what the batch gathered, in the batch's transaction
     */
    public BatchScope(String name, Supplier<B> start, Consumer<B> write) {
        this.key = BatchScope.class.getName() + "/" + name + "@" + System.identityHashCode(this);
        this.start = start;
        this.write = write;
    }

    /** The state of the batch being handled, started on its first event. Only valid inside an event handler. */
    public B current() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(key, any -> {
            B state = start.get();
            batch.onPrepareCommit(committing -> write.accept(state));
            return state;
        });
    }
}
