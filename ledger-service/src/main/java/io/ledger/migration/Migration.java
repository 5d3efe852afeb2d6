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
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.eventsourcing.EventSourcingHandler;
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

    @AggregateIdentifier
    private String id;
    private final MigrationState state = new MigrationState();
    private final Map<UUID, Receipt> receipts = new HashMap<>();

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
    Outcome handle(RecordEvent command, @MetaDataValue(AxonConfiguration.PRINCIPAL) String principal) {
        LedgerEvent event = command.event();
        Receipt receipt = receipts.get(event.eventId());
        if (receipt != null) {
            return receipt.answer(event);
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

    @EventSourcingHandler
    void on(LedgerEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        if (event instanceof Planned planned) {
            id = planned.plan().id();
        }
        state.apply(event, sequence, recordedAt);
        if (event instanceof GateRefused refused) {
            receipts.put(refused.request().eventId(),
                    Receipt.of(refused.request(), new Outcome.Refused(sequence, refused.reasons())));
        } else if (event.postable()) {
            receipts.put(event.eventId(), Receipt.of(event, new Outcome.Recorded(sequence)));
        }
    }
}
