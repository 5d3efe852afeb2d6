package io.ledger.platform;

/**
 * A setting the service cannot start with, or an embedded database that cannot start on it. Carries the problem and
 * what the operator should change, which {@link UnusableSettingFailureAnalyzer} prints instead of a stack trace.
 */
public class UnusableSettingException extends RuntimeException {

    private final String problem;

    private final String action;

    public UnusableSettingException(String problem, String action, Throwable cause) {
        super(problem + ". " + action, cause);
        this.problem = problem;
        this.action = action;
    }

    String problem() {
        return problem;
    }

    String action() {
        return action;
    }
}
