package io.ledger.platform;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One streaming processor's view of the event store, which lets it read no more than a budget of bytes ahead of what
 * it has handled. Axon's pooled processor queues up to 1,024 events per segment before handling them, whatever their
 * size: with events near the 1 MiB a body may carry, read models far behind (paused, replaying, or catching up after
 * a start) each queued hundreds of megabytes, ran a service with 512 MiB of heap out of it, and did so again at every
 * start. An event counts from when the processor takes it until the processor's token covers it; a processor under
 * its budget always gets the next event, however large.
 */
final class ReadAhead implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** How often a processor over its budget is checked for having handled enough to read on. */
    private static final Duration RECHECK = Duration.ofMillis(10);

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final long budgetBytes;
    private final Serializer serializer;
    private final Supplier<Collection<TrackingToken>> handled;
    private final ScheduledExecutorService waker;

    /**
     * @param serializer the serializer the events were stored with, so that an event's size is its stored bytes'
     * @param handled the tokens up to which the processor has handled events, one per segment it processes
     * @param waker wakes a processor that stopped at its budget once it has handled enough
     */
    ReadAhead(StreamableMessageSource<TrackedEventMessage<?>> events, long budgetBytes, Serializer serializer,
            Supplier<Collection<TrackingToken>> handled, ScheduledExecutorService waker) {
        this.events = events;
        this.budgetBytes = budgetBytes;
        this.serializer = serializer;
        this.handled = handled;
        this.waker = waker;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new Budgeted(events.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return events.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return events.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return events.createTokenAt(dateTime);
    }

    private record Taken(TrackingToken token, long bytes) {
    }

    /**
     * A stream stopped at its budget is closed, and opened again after the last event it handed out once the
     * processor has handled enough. Left open, it would keep its place in the event store's cache of recent events,
     * and the store keeps every event it reads after the place of any reader, however far behind: a read model
     * stopped while the store read a backlog of large events held them all.
     */
    private final class Budgeted implements BlockingStream<TrackedEventMessage<?>> {

        private final Deque<Taken> taken = new ArrayDeque<>();
        private final AtomicBoolean wakeScheduled = new AtomicBoolean();
        private BlockingStream<TrackedEventMessage<?>> stream;
        private long takenBytes;
        private TrackingToken lastTaken;
        private volatile Runnable onAvailable = () -> { };
        private volatile boolean closed;

        Budgeted(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (!overBudget()) {
                return open().peek();
            }
            // Events sharing a token (one stored event upcast into several) must be handed out together.
            Optional<TrackedEventMessage<?>> next = stream == null ? Optional.empty() : stream.peek();
            if (next.isPresent() && next.get().trackingToken().equals(lastTaken)) {
                return next;
            }
            stopAtBudget();
            return Optional.empty();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (overBudget()) {
                if (System.nanoTime() >= deadline) {
                    stopAtBudget();
                    return false;
                }
                Thread.sleep(RECHECK.toMillis());
            }
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadline - System.nanoTime()));
            return open().hasNextAvailable((int) Math.min(Integer.MAX_VALUE, remainingMillis), TimeUnit.MILLISECONDS);
        }

        @Override
        public boolean hasNextAvailable() {
            try {
                return hasNextAvailable(0, TimeUnit.NANOSECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> event = open().nextAvailable();
            long bytes = event.serializePayload(serializer, byte[].class).getData().length;
            synchronized (this) {
                taken.add(new Taken(event.trackingToken(), bytes));
                takenBytes += bytes;
                lastTaken = event.trackingToken();
            }
            return event;
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            if (stream != null) {
                stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
            }
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            onAvailable = callback;
            return open().setOnAvailableCallback(callback);
        }

        @Override
        public void close() {
            closed = true;
            if (stream != null) {
                stream.close();
            }
        }

        private BlockingStream<TrackedEventMessage<?>> open() {
            if (stream == null) {
                stream = events.openStream(lastTaken);
                stream.setOnAvailableCallback(onAvailable);
            }
            return stream;
        }

        private void stopAtBudget() {
            if (stream != null) {
                stream.close();
                stream = null;
            }
            wakeWhenHandled();
        }

        private synchronized boolean overBudget() {
            Collection<TrackingToken> handledUpTo = handled.get();
            while (!taken.isEmpty() && !handledUpTo.isEmpty()
                    && handledUpTo.stream().allMatch(token -> covers(token, taken.peek().token()))) {
                takenBytes -= taken.remove().bytes();
            }
            return !taken.isEmpty() && takenBytes >= budgetBytes;
        }

        private static boolean covers(TrackingToken handledUpTo, TrackingToken event) {
            // A replaying processor's token wraps the position it has reached.
            TrackingToken position = WrappedToken.unwrapLowerBound(handledUpTo);
            return position != null && position.covers(WrappedToken.unwrapLowerBound(event));
        }

        /** The processor reads again when told that events are available, which the store says of new ones only. */
        private void wakeWhenHandled() {
            if (wakeScheduled.compareAndSet(false, true)) {
                waker.schedule(this::wake, RECHECK.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        private void wake() {
            wakeScheduled.set(false);
            if (closed) {
                return;
            }
            if (overBudget()) {
                wakeWhenHandled();
            } else {
                onAvailable.run();
            }
        }
    }
}
