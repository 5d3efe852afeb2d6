package io.ledger.platform;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PacedEventStoreTest {

    private static final Duration DELAY = Duration.ofSeconds(1);
    private static final int COMMITS = 10;

    /** Counts the reader's trips to storage. */
    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine() {
        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            reads.incrementAndGet();
            return super.readEvents(trackingToken, mayBlock);
        }
    };
    private final AtomicInteger reads = new AtomicInteger();
    // Without a wake-up the reader would wait a minute, so only a wake-up can bring the events within the test.
    private final PacedEventStore store = new PacedEventStore(EmbeddedEventStore.builder().storageEngine(storage)
            .fetchDelay(60).timeUnit(TimeUnit.SECONDS), DELAY);

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void commitsWithinTheDelayAreReadInOneWakeUpAfterIt() throws Exception {
        try (TrackingEventStream stream = store.openStream(null)) {
            assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() > 0);
            int readsBefore = reads.get();

            long start = System.nanoTime();
            for (int i = 0; i < COMMITS; i++) {
                String payload = "event-" + i;
                DefaultUnitOfWork.startAndGet(null)
                        .execute(() -> store.publish(GenericEventMessage.asEventMessage(payload)));
            }
            List<Object> read = new ArrayList<>();
            while (read.size() < COMMITS && stream.hasNextAvailable(10, TimeUnit.SECONDS)) {
                read.add(stream.nextAvailable().getPayload());
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(read).hasSize(COMMITS).first().isEqualTo("event-0");
            assertThat(waited).isGreaterThanOrEqualTo(DELAY);
            // One wake-up: a read that finds the ten events and one that finds nothing more. Woken at every commit,
            // the reader would go to storage about twice per commit.
            assertThat(reads.get() - readsBefore).isLessThanOrEqualTo(2);
        }
    }
}
