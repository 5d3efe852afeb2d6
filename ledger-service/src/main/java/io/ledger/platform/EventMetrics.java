package io.ledger.platform;

import io.ledger.api.event.LedgerEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts the events the ledger appends, by type. Counted after the unit of work commits, so a rolled-back append
 * is not counted.
 */
@Component
class EventMetrics {

    private final EventStore events;
    private final MeterRegistry meters;

    EventMetrics(EventStore events, MeterRegistry meters) {
        this.events = events;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void countAppends() {
        events.registerDispatchInterceptor(messages -> {
            CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.afterCommit(committed -> messages.stream()
                    .filter(message -> message.getPayload() instanceof LedgerEvent)
                    .forEach(message -> counter(((LedgerEvent) message.getPayload()).type()).increment())));
            return (index, message) -> message;
        });
    }

    private Counter counter(String type) {
        return Counter.builder("ledger.events.appended").tag("type", type)
                .description("Events appended to the ledger").register(meters);
    }
}
