package io.ledger.platform;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    private static final int CACHED_EVENTS = 64;
    private static final int FETCHED_EVENTS = 16;

    /** The metadata key of the token name that a command was sent for, copied onto every event it applies. */
    public static final String PRINCIPAL = "principal";

    /**
     * Stamps every event with the principal of the request that caused it. This replaces Axon's default provider
     * (correlation and trace ids): nothing here reads them, and every event would store them forever.
     */
    @Bean
    CorrelationDataProvider principalOfTheRequest() {
        return new SimpleCorrelationDataProvider(PRINCIPAL);
    }

    /**
     * The event store, Axon's embedded one with its reader woken at most once per
     * {@code ledger.read-model-delay}; {@link PacedEventStore} says why. Named as Axon's auto-configuration names
     * it. Given an event store, Axon's JDBC auto-configuration leaves out its storage engine as well, so the engine
     * is built here as that auto-configuration builds it. Events are stored under their eventIds
     * ({@link EventIdentity}).
     */
    @Bean(name = "eventBus")
    EmbeddedEventStore eventStore(@Qualifier("serializer") Serializer snapshotSerializer,
            @Qualifier("eventSerializer") Serializer eventSerializer, ConnectionProvider connections,
            TransactionManager transactions, org.axonframework.config.Configuration axon,
            LedgerProperties properties) {
        EventStorageEngine storage = JdbcEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer)
                .upcasterChain(axon.upcasterChain())
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .eventSerializer(eventSerializer)
                .snapshotFilter(axon.snapshotFilter())
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(new EventSchema())
                // A read model far behind reads back this many events at a time on its own, before ReadAhead counts
                // them: Axon's 100, near the body limit each, made 100 MiB per read model.
                .batchSize(FETCHED_EVENTS)
                .build();
        PacedEventStore store = new PacedEventStore(EmbeddedEventStore.builder()
                .storageEngine(storage)
                // The read models trail the head by one wake-up (ledger.read-model-delay), tens of events. Axon's
                // 10,000 kept every recent event in memory: with plans near the 1 MiB a body may carry, more than
                // the heap. One that falls further behind reads from PostgreSQL on its own.
                .cachedEvents(CACHED_EVENTS)
                .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(axon.getComponent(EventBusSpanFactory.class)), properties.readModelDelay());
        store.registerDispatchInterceptor(new EventIdentity());
        return store;
    }

    /**
     * Every streaming processor reads the event store through a {@link ReadAhead} of
     * {@code ledger.read-model-read-ahead}, so that those far behind do not queue more than that each.
     * <p>
     * A processor without a token starts as Axon starts it, replaying every event up to the newest, unless it
     * disallows replays: Axon would then skip every event already stored, and such a processor (the sealer) starts
     * from the first event as an ordinary delivery instead.
     */
    @Bean
    ConfigurerModule readAheadBudgets(EventProcessorProperties processors, LedgerProperties properties,
            @Qualifier("eventSerializer") Serializer eventSerializer) {
        ScheduledExecutorService waker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "read-ahead-waker");
            thread.setDaemon(true);
            return thread;
        });
        long budget = properties.readModelReadAhead().toBytes();
        return configurer -> {
            configurer.onShutdown(waker::shutdownNow);
            processors.getProcessors().keySet().forEach(name -> configurer.eventProcessing()
                    .registerPooledStreamingEventProcessorConfiguration(name, (axon, builder) -> builder
                            .messageSource(new ReadAhead(axon.eventStore(), budget, eventSerializer,
                                    handledBy(axon, name), waker))
                            .initialToken(source -> replays(axon, name)
                                    ? ReplayToken.createReplayToken(source.createHeadToken())
                                    : source.createTailToken())));
        };
    }

    private static boolean replays(org.axonframework.config.Configuration axon, String processor) {
        return axon.eventProcessingConfiguration().eventProcessor(processor, StreamingEventProcessor.class)
                .map(StreamingEventProcessor::supportsReset).orElse(true);
    }

    /** Looked up once: Axon copies its map of processors on every lookup, and this is asked for every event read. */
    private static Supplier<Collection<TrackingToken>> handledBy(org.axonframework.config.Configuration axon,
            String processor) {
        AtomicReference<StreamingEventProcessor> found = new AtomicReference<>();
        return () -> {
            StreamingEventProcessor streaming = found.updateAndGet(known -> known != null ? known
                    : axon.eventProcessingConfiguration().eventProcessor(processor, StreamingEventProcessor.class)
                            .orElse(null));
            return streaming == null ? List.of() : streaming.processingStatus().values().stream()
                    .map(EventTrackerStatus::getTrackingToken).toList();
        };
    }
}
