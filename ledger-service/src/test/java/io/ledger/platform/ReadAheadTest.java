package io.ledger.platform;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReadAheadTest {

    /** Each event's payload serialises to ten bytes: a JSON string of eight characters. */
    private static final String PAYLOAD = "12345678";
    private static final long TWO_EVENTS = 20;

    private final AtomicReference<TrackingToken> handled = new AtomicReference<>();
    private final ScheduledExecutorService waker = Executors.newSingleThreadScheduledExecutor();
    private final Events events = new Events(5);
    private final BlockingStream<TrackedEventMessage<?>> stream = new ReadAhead(events, TWO_EVENTS,
            JacksonSerializer.defaultSerializer(), () -> Collections.singletonList(handled.get()), waker)
            .openStream(null);

    @AfterEach
    void stopWaker() {
        waker.shutdownNow();
    }

    @Test
    void readsNoMoreThanItsBudgetAheadOfWhatTheProcessorHandled() throws InterruptedException {
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(token(1));
        assertThat(stream.hasNextAvailable()).isTrue();
        stream.nextAvailable();

        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(stream.peek()).isEmpty();

        handled.set(token(1));
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.peek()).map(TrackedEventMessage::trackingToken).contains(token(3));
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(token(3));
        assertThat(stream.hasNextAvailable()).isFalse();
    }

    @Test
    void aStreamStoppedAtItsBudgetLetsGoOfTheStoreAndGoesOnAfterItsLastEvent() throws InterruptedException {
        stream.nextAvailable();
        stream.nextAvailable();
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(events.open).hasValue(0);

        handled.set(token(2));
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(token(3));
        assertThat(events.open).hasValue(1);
        assertThat(events.openedAt).containsExactly(null, token(2));
    }

    @Test
    void aProcessorWithNothingUnhandledGetsTheNextEventHoweverLarge() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> tiny = new ReadAhead(new Events(2), 1,
                JacksonSerializer.defaultSerializer(), () -> Collections.singletonList(handled.get()), waker)
                .openStream(null);

        assertThat(tiny.hasNextAvailable()).isTrue();
        tiny.nextAvailable();
        assertThat(tiny.hasNextAvailable()).isFalse();
        handled.set(token(1));
        assertThat(tiny.hasNextAvailable()).isTrue();
    }

    @Test
    void aProcessorStoppedAtItsBudgetIsToldWhenItMayReadOn() throws InterruptedException {
        AtomicInteger told = new AtomicInteger();
        stream.setOnAvailableCallback(told::incrementAndGet);
        stream.nextAvailable();
        stream.nextAvailable();
        assertThat(stream.hasNextAvailable()).isFalse();

        Thread.sleep(100);
        assertThat(told).hasValue(0);
        handled.set(token(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> told.get() == 1);
    }

    @Test
    void aTimedWaitLastsUntilTheProcessorHasHandledEnough() throws InterruptedException {
        stream.nextAvailable();
        stream.nextAvailable();
        waker.schedule(() -> handled.set(token(1)), 200, TimeUnit.MILLISECONDS);

        assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.hasNextAvailable(50, TimeUnit.MILLISECONDS)).isTrue();
    }

    private static TrackingToken token(long position) {
        return new GlobalSequenceTrackingToken(position);
    }

    /** Events at positions 1 to {@code count}, all available at once; counts the streams open. */
    private static final class Events implements StreamableMessageSource<TrackedEventMessage<?>> {

        private final int count;
        private final AtomicInteger open = new AtomicInteger();
        private final List<TrackingToken> openedAt = new ArrayList<>();

        Events(int count) {
            this.count = count;
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
            open.incrementAndGet();
            openedAt.add(trackingToken);
            long after = trackingToken == null ? 0 : trackingToken.position().orElseThrow();
            Deque<TrackedEventMessage<?>> events = new ArrayDeque<>(LongStream.rangeClosed(after + 1, count)
                    .<TrackedEventMessage<?>>mapToObj(position -> new GenericTrackedEventMessage<>(token(position),
                            GenericEventMessage.asEventMessage(PAYLOAD)))
                    .toList());
            return new BlockingStream<>() {
                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    return Optional.ofNullable(events.peek());
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) {
                    return !events.isEmpty();
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() {
                    return events.remove();
                }

                @Override
                public void close() {
                    open.decrementAndGet();
                }

                @Override
                public boolean setOnAvailableCallback(Runnable callback) {
                    return true;
                }
            };
        }
    }
}
