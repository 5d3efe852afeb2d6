package io.ledger.api.event;

/**
 * A request for permission. The ledger refuses it when policy forbids, and records the refusal as a
 * {@link GateRefused}.
 */
public sealed interface Gate extends LedgerEvent permits PhaseStarted, SignedOff, Completed {
}
