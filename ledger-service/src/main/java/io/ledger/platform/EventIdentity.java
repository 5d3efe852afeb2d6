package io.ledger.platform;

import io.ledger.api.event.GateRefused;
import io.ledger.api.event.LedgerEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Stores each ledger event under the eventId it answers for, as Axon's message identifier: the event table keeps
 * that column unique, so an eventId recorded on one migration cannot be appended to another, at no cost beyond the
 * index Axon has anyway. (Each migration answers its own retries before appending anything.) A refused gate answers
 * for the request it refused, so it is stored under that request's eventId.
 */
final class EventIdentity implements MessageDispatchInterceptor<EventMessage<?>> {

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> named(message);
    }

    private static UUID answeredFor(LedgerEvent event) {
        return event instanceof GateRefused refused ? refused.request().eventId() : event.eventId();
    }

    private static EventMessage<?> named(EventMessage<?> message) {
        if (message instanceof DomainEventMessage<?> domain && domain.getPayload() instanceof LedgerEvent event) {
            String id = answeredFor(event).toString();
            if (!id.equals(domain.getIdentifier())) {
                return new GenericDomainEventMessage<>(domain.getType(), domain.getAggregateIdentifier(),
                        domain.getSequenceNumber(), domain.getPayload(), domain.getMetaData(), id,
                        domain.getTimestamp());
            }
        }
        return message;
    }
}
