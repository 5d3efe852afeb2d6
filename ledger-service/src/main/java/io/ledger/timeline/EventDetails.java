package io.ledger.timeline;

import io.ledger.api.Reason;
import io.ledger.api.Runner;
import io.ledger.api.event.Aborted;
import io.ledger.api.event.AnomalyDetected;
import io.ledger.api.event.Completed;
import io.ledger.api.event.GateRefused;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.PhaseApplied;
import io.ledger.api.event.PhaseFailed;
import io.ledger.api.event.PhaseStarted;
import io.ledger.api.event.PolicyEvaluated;
import io.ledger.api.event.Planned;
import io.ledger.api.event.PrecheckRecorded;
import io.ledger.api.event.Prechecked;
import io.ledger.api.event.Progress;
import io.ledger.api.event.RollbackFailed;
import io.ledger.api.event.RollbackStarted;
import io.ledger.api.event.RolledBack;
import io.ledger.api.event.SignedOff;
import io.ledger.api.event.VerificationFailed;
import io.ledger.api.event.Verified;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What a timeline says about one event: its phase, duration and a one-line account in the contract's words. */
final class EventDetails {

    private static final int MAX_SUMMARY = 300;

    private EventDetails() {
    }

    static String phase(LedgerEvent event) {
        if (event instanceof PhaseStarted started) {
            return started.phase();
        } else if (event instanceof PhaseApplied applied) {
            return applied.phase();
        } else if (event instanceof PhaseFailed failed) {
            return failed.phase();
        } else if (event instanceof Verified verified) {
            return verified.phase();
        } else if (event instanceof VerificationFailed failed) {
            return failed.phase();
        } else if (event instanceof Progress progress) {
            return progress.phase();
        } else if (event instanceof RollbackStarted rollback) {
            return String.join(",", rollback.phases());
        } else if (event instanceof RolledBack rolledBack) {
            return String.join(",", rolledBack.phases());
        } else if (event instanceof RollbackFailed failed) {
            return String.join(",", failed.phases());
        } else if (event instanceof GateRefused refused) {
            return phase(refused.request());
        }
        return null;
    }

    static Long durationMs(LedgerEvent event) {
        if (event instanceof PhaseApplied applied) {
            return applied.durationMs();
        } else if (event instanceof PhaseFailed failed) {
            return failed.durationMs();
        } else if (event instanceof RolledBack rolledBack) {
            return rolledBack.durationMs();
        } else if (event instanceof RollbackFailed failed) {
            return failed.durationMs();
        }
        return null;
    }

    static String runner(Runner runner) {
        if (runner == null) {
            return null;
        }
        String text = Stream.of(runner.tool(), runner.version(), runner.host() == null ? null : "on " + runner.host())
                .filter(Objects::nonNull).collect(Collectors.joining(" "));
        return text.isEmpty() ? null : text;
    }

    static String summary(LedgerEvent event) {
        if (event instanceof Planned planned) {
            return shorten("planned version " + planned.plan().version() + " of "
                    + planned.plan().database() + " in " + planned.plan().environment()
                    + suffix(": ", planned.plan().description()));
        } else if (event instanceof PrecheckRecorded precheck) {
            return shorten("pre-check " + precheck.check() + " " + precheck.status().wireId()
                    + suffix(": ", precheck.evidence()));
        } else if (event instanceof Prechecked) {
            return shorten("every required pre-check passed");
        } else if (event instanceof PhaseStarted started) {
            return shorten("started " + started.phase());
        } else if (event instanceof PhaseApplied applied) {
            return shorten("applied " + applied.phase()
                    + suffix(" in ", applied.durationMs(), " ms") + suffix(", ", applied.rowsAffected(), " rows"));
        } else if (event instanceof PhaseFailed failed) {
            return shorten(failed.phase() + " failed" + suffix(": ", failed.error()));
        } else if (event instanceof Verified verified) {
            return shorten("verified " + (verified.phase() == null ? "the migration" : verified.phase())
                    + suffix(": ", checks(verified.checks())));
        } else if (event instanceof VerificationFailed failed) {
            return shorten("verification of "
                    + (failed.phase() == null ? "the migration" : failed.phase()) + " failed"
                    + suffix(": ", failed.evidence() != null ? failed.evidence() : checks(failed.checks())));
        } else if (event instanceof RollbackStarted rollback) {
            return shorten("rollback of " + String.join(", ", rollback.phases()) + " started"
                    + suffix(": ", rollback.reason()));
        } else if (event instanceof RolledBack rolledBack) {
            return shorten("rolled back " + String.join(", ", rolledBack.phases())
                    + suffix(": ", rolledBack.reason()));
        } else if (event instanceof RollbackFailed failed) {
            return shorten("rollback of " + String.join(", ", failed.phases()) + " failed"
                    + suffix(": ", failed.error()));
        } else if (event instanceof Progress progress) {
            return shorten(progress.phase() + (progress.percent() == null ? " in progress" : " at " + progress.percent()
                    + "%") + (progress.rowsDone() == null ? "" : " (" + progress.rowsDone()
                    + (progress.rowsTotal() == null ? "" : "/" + progress.rowsTotal()) + " rows)"));
        } else if (event instanceof SignedOff signedOff) {
            return shorten("signed off by " + signedOff.signer() + " as " + signedOff.role()
                    + suffix(": ", signedOff.comment()));
        } else if (event instanceof Aborted aborted) {
            return shorten("aborted" + suffix(": ", aborted.reason()));
        } else if (event instanceof Completed) {
            return shorten("completed");
        } else if (event instanceof GateRefused refused) {
            return shorten(refused.request().type() + " refused: "
                    + refused.reasons().stream().map(Reason::message).collect(Collectors.joining("; ")));
        } else if (event instanceof AnomalyDetected anomaly) {
            return shorten(anomaly.anomaly() + suffix(": ", anomaly.message()));
        } else if (event instanceof PolicyEvaluated policy) {
            return shorten("policy of " + policy.environment() + (policy.allowed() ? " allowed" : " refused") + ": "
                    + policy.checks().stream().map(check -> check.rule().wireId() + " " + check.outcome().wireId())
                    .collect(Collectors.joining(", ")));
        }
        throw new IllegalArgumentException("unknown event " + event.type());
    }

    private static String shorten(String summary) {
        return summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY - 1) + "…" : summary;
    }

    private static String checks(List<String> checks) {
        return checks == null || checks.isEmpty() ? null : String.join(", ", checks);
    }

    private static String suffix(String prefix, Object value) {
        return value == null ? "" : prefix + value;
    }

    private static String suffix(String prefix, Object value, String unit) {
        return value == null ? "" : prefix + value + unit;
    }
}
