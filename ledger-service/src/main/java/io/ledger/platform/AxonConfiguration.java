package io.ledger.platform;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    private static final int CACHED_EVENTS = 256;

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
}
