package io.ledger.api.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.ledger.api.Runner;

import java.time.Instant;
import java.util.UUID;

/**
 * One fact in the append-only ledger, as the contract names it. The JSON {@code type} field selects the record;
 * every record carries the sender's {@code eventId} (the idempotency key), {@code occurredAt} (the sender's clock),
 * {@code actor} and {@code runner}. Stored events are forever: a record whose shape changes needs an upcaster.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(Planned.class),
        @JsonSubTypes.Type(PrecheckRecorded.class),
        @JsonSubTypes.Type(Prechecked.class),
        @JsonSubTypes.Type(PhaseStarted.class),
        @JsonSubTypes.Type(PhaseApplied.class),
        @JsonSubTypes.Type(PhaseFailed.class),
        @JsonSubTypes.Type(Verified.class),
        @JsonSubTypes.Type(VerificationFailed.class),
        @JsonSubTypes.Type(RollbackStarted.class),
        @JsonSubTypes.Type(RolledBack.class),
        @JsonSubTypes.Type(RollbackFailed.class),
        @JsonSubTypes.Type(Progress.class),
        @JsonSubTypes.Type(SignedOff.class),
        @JsonSubTypes.Type(Aborted.class),
        @JsonSubTypes.Type(Completed.class),
        @JsonSubTypes.Type(GateRefused.class),
        @JsonSubTypes.Type(AnomalyDetected.class),
        @JsonSubTypes.Type(PolicyEvaluated.class)
})
public sealed interface LedgerEvent permits Fact, Gate, Planned, Prechecked, GateRefused, AnomalyDetected,
        PolicyEvaluated {

    /** The actor the ledger names on the events it emits itself. */
    String LEDGER_ACTOR = "ledger";

    UUID eventId();

    Instant occurredAt();

    String actor();

    Runner runner();

    /** The contract's wire name of this event, such as {@code phase-applied}. */
    default String type() {
        return typeOf(getClass());
    }

    static String typeOf(Class<? extends LedgerEvent> type) {
        return type.getAnnotation(JsonTypeName.class).value();
    }

    /**
     * Whether a runner may post this event. The others are written by the ledger itself: {@code planned} through
     * {@code POST /migrations}, and the ledger's own conclusions.
     */
    default boolean postable() {
        return postable(getClass());
    }

    static boolean postable(Class<? extends LedgerEvent> type) {
        return Fact.class.isAssignableFrom(type) || Gate.class.isAssignableFrom(type);
    }
}
