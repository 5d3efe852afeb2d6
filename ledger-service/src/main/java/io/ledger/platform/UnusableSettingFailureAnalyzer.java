package io.ledger.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a setting the service cannot start with as its problem and its fix, without a stack trace. */
class UnusableSettingFailureAnalyzer extends AbstractFailureAnalyzer<UnusableSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnusableSettingException cause) {
        return new FailureAnalysis(cause.problem() + ".", cause.action() + ".", cause);
    }
}
