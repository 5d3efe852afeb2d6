package io.ledger.platform;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Axon's embedded event store, but waking its reader once per {@code delay} after commits rather than at every
 * commit. Axon's store reads new events for all the read models and the sealer on one thread, which each commit
 * wakes at once: under a steady flow of writes every wake-up finds an event or two, and each read model and the
 * sealer then pays a transaction, a token update and their queries per event or two. Woken a little later, the
 * reader finds everything committed meanwhile and hands it over as one batch. Idle, nothing changes: a commit is
 * read {@code delay} after it, at most.
 */
final class PacedEventStore extends EmbeddedEventStore {

    private final Duration delay;
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private final ScheduledExecutorService waker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "event-store-waker");
        thread.setDaemon(true);
        return thread;
    });

    PacedEventStore(Builder builder, Duration delay) {
        super(builder);
        this.delay = delay;
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (wakeScheduled.compareAndSet(false, true)) {
            waker.schedule(this::wakeReader, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void wakeReader() {
        // Cleared first: a commit that lands while the reader reads schedules the next wake-up.
        wakeScheduled.set(false);
        super.afterCommit(List.of());
    }

    @Override
    public void shutDown() {
        waker.shutdownNow();
        super.shutDown();
    }
}
