package io.ledger.client;

import io.ledger.api.Reason;
import io.ledger.api.view.GateRefusal;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The ledger refused a gate ({@code phase-started}, {@code signed-off}, {@code completed}) with {@code 409}: policy
 * forbids it now, for every reason listed. The refusal is recorded in the ledger; posting the same request again
 * only returns the same refusal, so fix the cause and post a new event.
 */
public final class GateRefusedException extends LedgerException {

    private final String migrationId;
    private final GateRefusal refusal;

    GateRefusedException(String migrationId, GateRefusal refusal) {
        super("gate refused for migration " + migrationId + ": " + refusal.reasons().stream()
                .map(reason -> reason.rule() + " (" + reason.message() + ")")
                .collect(Collectors.joining("; ")));
        this.migrationId = migrationId;
        this.refusal = refusal;
    }

    public String migrationId() {
        return migrationId;
    }

    /** The whole problem-details body. */
    public GateRefusal refusal() {
        return refusal;
    }

    /** Every rule the request broke, not only the first. */
    public List<Reason> reasons() {
        return refusal.reasons();
    }

    /** Where the ledger recorded the refusal in the migration's events, when it said. */
    public OptionalLong sequence() {
        return refusal.sequence() == null ? OptionalLong.empty() : OptionalLong.of(refusal.sequence());
    }
}
