package io.ledger.integrity;

/**
 * The checkpoint signing key, or a trusted public key, cannot be used. Carries the problem and what the operator
 * should change, which {@link SigningKeyFailureAnalyzer} prints instead of a stack trace.
 */
class SigningKeyException extends RuntimeException {

    private final String action;

    SigningKeyException(String problem, String action, Throwable cause) {
        super(problem, cause);
        this.action = action;
    }

    String action() {
        return action;
    }
}
