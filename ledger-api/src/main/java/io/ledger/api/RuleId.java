package io.ledger.api;

/** A rule with a wire id, whose breaches are reported as {@link Reason}s. */
public interface RuleId {

    String wireId();

    default Reason because(String message) {
        return new Reason(wireId(), message);
    }
}
