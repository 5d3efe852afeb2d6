package io.ledger.migration;

import io.ledger.api.EvidenceHash;
import io.ledger.api.MigrationStatus;
import io.ledger.api.PolicyCheck;
import io.ledger.api.Reason;
import io.ledger.api.event.AnomalyDetected;
import io.ledger.api.event.Completed;
import io.ledger.api.event.Fact;
import io.ledger.api.event.Gate;
import io.ledger.api.event.GateRefused;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.PhaseStarted;
import io.ledger.api.event.Planned;
import io.ledger.api.event.PolicyEvaluated;
import io.ledger.api.event.Prechecked;
import io.ledger.platform.AxonConfiguration;
import io.ledger.api.event.SignedOff;
import io.ledger.policy.GateEvidence;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.ledger.api.event.LedgerEvent.LEDGER_ACTOR;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One migration's runbook, enforced. Facts are always recorded, with their anomalies; gates pass or are refused,
 * and a refusal is itself recorded. Every eventId is answered once: a retry gets the original answer.
 */
@Aggregate(cache = "migrationCache", commandTargetResolver = "migrationTarget")
class Migration {

    static final String PLAN_CONFLICT = "plan-conflict";
    private static final long ANSWER_BYTES = 90;

    @AggregateIdentifier
    private String id;
    private final MigrationState state = new MigrationState();
    /**
     * Where each eventId's answer was recorded. A retry is compared with the event stored there, read back only when
     * a retry comes: holding every event to answer rare retries made a loaded migration as heavy as its history.
     */
    private final Map<UUID, Long> answeredAt = new HashMap<>();

    Migration() {
        // Axon creates the aggregate, then replays its events or runs its creating command.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Outcome handle(PlanMigration command) {
        Planned planned = command.planned();
        if (!state.exists()) {
            apply(planned);
            concludeAfter(planned);
            return new Outcome.Recorded(0);
        }
        if (state.plan().equals(planned.plan())) {
            return new Outcome.Duplicate(0);
        }
        return new Outcome.Conflict(new Reason(PLAN_CONFLICT,
                "migration " + id + " is already planned with a different plan; a changed plan needs a new id"));
    }

    @CommandHandler
    Outcome handle(RecordEvent command, @MetaDataValue(AxonConfiguration.PRINCIPAL) String principal,
            EventStore events) {
        LedgerEvent event = command.event();
        Long answered = answeredAt.get(event.eventId());
        if (answered != null) {
            return new Receipt(recordedAt(answered, events), answered).answer(event);
        }
        if (event instanceof Gate gate) {
            return pass(gate, command.evidence(), command.head(), principal);
        }
        if (event instanceof Fact fact) {
            return record(fact);
        }
        throw new IllegalArgumentException(event.type() + " is written by the ledger itself, not posted");
    }

    private Outcome pass(Gate gate, GateEvidence evidence, EvidenceHash head, String principal) {
        if (gate instanceof Completed && state.completion().isPresent()) {
            return new Outcome.Duplicate(state.completion().get());
        }
        List<Reason> reasons = new ArrayList<>(GateRules.evaluate(gate, state, evidence.policy(), principal));
        if (PolicyRules.apply(gate, state, evidence)) {
            List<PolicyCheck> checks = PolicyRules.evaluate((PhaseStarted) gate, state, evidence);
            reasons.addAll(PolicyRules.failures(checks));
            apply(new PolicyEvaluated(DerivedEventIds.causedBy(gate.eventId(), "policy"), gate.occurredAt(),
                    LEDGER_ACTOR, null, gate.eventId(), state.plan().environment(), reasons.isEmpty(), checks));
        }
        if (!reasons.isEmpty()) {
            apply(new GateRefused(DerivedEventIds.causedBy(gate.eventId(), "refused"), gate.occurredAt(),
                    gate.actor(), gate.runner(), gate, reasons));
            return new Outcome.Refused(state.lastSequence(), reasons);
        }
        if (gate instanceof SignedOff signOff) {
            // The controller read the head before the command; commands on one migration are serialised, so if it
            // is still the last event here, no event can come between it and the sign-off.
            if (head == null || head.sequence() != state.lastSequence()) {
                return new Outcome.Stale(state.lastSequence());
            }
            gate = signOff.withEvidenceHash(head);
        }
        apply(gate);
        long sequence = state.lastSequence();
        concludeAfter(gate);
        return new Outcome.Recorded(sequence);
    }

    private Outcome record(Fact fact) {
        List<Reason> anomalies = AnomalyRules.detect(fact, state);
        apply(fact);
        long sequence = state.lastSequence();
        for (int i = 0; i < anomalies.size(); i++) {
            Reason anomaly = anomalies.get(i);
            apply(new AnomalyDetected(DerivedEventIds.causedBy(fact.eventId(), "anomaly/" + i), fact.occurredAt(),
                    LEDGER_ACTOR, null, anomaly.rule(), anomaly.message(), fact.eventId()));
        }
        concludeAfter(fact);
        return new Outcome.Recorded(sequence);
    }

    /** The ledger's own conclusions, drawn as soon as their conditions hold. */
    private void concludeAfter(LedgerEvent cause) {
        if (!state.isPrechecked() && state.unsatisfiedPrechecks().isEmpty()) {
            apply(new Prechecked(DerivedEventIds.causedBy(cause.eventId(), "prechecked"), cause.occurredAt(),
                    LEDGER_ACTOR, null, state.plan().requiredPrechecks()));
        }
        if (state.status() == MigrationStatus.VERIFIED) {
            apply(new Completed(DerivedEventIds.causedBy(cause.eventId(), "completed"), cause.occurredAt(),
                    LEDGER_ACTOR, null));
        }
    }

    /** Axon's event store also gives back what this unit of work appended and has not yet committed. */
    private LedgerEvent recordedAt(long sequence, EventStore events) {
        return events.readEvents(id, sequence).asStream().findFirst()
                .filter(stored -> stored.getSequenceNumber() == sequence)
                .map(DomainEventMessage::getPayload).map(LedgerEvent.class::cast)
                .orElseThrow(() -> new IllegalStateException("migration " + id + " answered an eventId at sequence "
                        + sequence + ", which its event stream does not hold"));
    }

    /** Its weight in the cache of loaded migrations ({@link LoadedMigrationCache}); an answered eventId takes 90 B. */
    int cacheWeight() {
        return CacheWeight.units(state.heldTextBytes() + ANSWER_BYTES * answeredAt.size());
    }

    @EventSourcingHandler
    void on(LedgerEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        if (event instanceof Planned planned) {
            id = planned.plan().id();
        }
        state.apply(event, sequence, recordedAt);
        if (event instanceof GateRefused refused) {
            answeredAt.put(refused.request().eventId(), sequence);
        } else if (event.postable()) {
            answeredAt.put(event.eventId(), sequence);
        }
    }
}
