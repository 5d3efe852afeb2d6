package io.ledger.api.view;

import io.ledger.api.Reason;

import java.util.List;
import java.util.UUID;

/**
 * The {@code 409} problem-details body of a refused gate: every rule the request broke. The refusal itself is
 * recorded in the ledger at {@code sequence}.
 */
public record GateRefusal(
        String type,
        String title,
        int status,
        String detail,
        UUID eventId,
        Long sequence,
        List<Reason> reasons) {
}
