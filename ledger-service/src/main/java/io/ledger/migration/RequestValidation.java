package io.ledger.migration;

import io.ledger.api.MigrationPlan;
import io.ledger.api.Phase;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.PhaseApplied;
import io.ledger.api.event.PhaseFailed;
import io.ledger.api.event.PhaseStarted;
import io.ledger.api.event.PrecheckRecorded;
import io.ledger.api.event.Progress;
import io.ledger.api.event.RollbackFailed;
import io.ledger.api.event.RollbackStarted;
import io.ledger.api.event.RolledBack;
import io.ledger.api.event.SignedOff;
import io.ledger.api.event.VerificationFailed;
import io.ledger.api.event.Verified;
import io.ledger.web.InvalidRequestException;
import io.ledger.web.InvalidRequestException.FieldProblem;
import io.ledger.web.Names;
import io.ledger.web.StorableInstant;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The contract's rules for input that Jackson's required-property checks cannot express. Every problem is
 * collected, so that a caller fixes them all in one round trip.
 */
final class RequestValidation {

    /**
     * The longest estimate or measured duration taken: the reports and alerts compute with these in milliseconds
     * ({@code estimated_seconds * 1000}, an estimate times the overrun factor), which a larger one would overflow.
     */
    private static final Duration LONGEST = Duration.ofDays(365);
    /** Ids travel in URL paths and file names: no slashes, spaces or percent signs. */
    private static final Pattern MIGRATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~@:+=,-]{0,199}");

    private final List<FieldProblem> problems = new ArrayList<>();

    private RequestValidation() {
    }

    static void requireValid(MigrationPlan plan, Instant now, Duration maxClockSkew) {
        RequestValidation check = new RequestValidation();
        check.instant("plannedAt", plan.plannedAt());
        check.notAhead("plannedAt", plan.plannedAt(), now, maxClockSkew);
        if (plan.id() == null || !MIGRATION_ID.matcher(plan.id()).matches()) {
            check.problem("id", "must be 1 to 200 of letters, digits and . _ ~ @ : + = , - starting with a letter or digit");
        }
        check.name("database", plan.database());
        check.name("environment", plan.environment());
        check.name("version", plan.version());
        check.name("owner", plan.owner());
        check.present("kind", plan.kind());
        check.duration("estimatedSeconds", plan.estimatedSeconds(), ChronoUnit.SECONDS);
        check.instant("scheduledFor", plan.scheduledFor());
        check.names("reviewers", plan.reviewers());
        check.names("requiredPrechecks", plan.requiredPrechecks());
        if (plan.phases().isEmpty()) {
            check.problem("phases", "must list at least one phase");
        }
        Set<String> phaseNames = new HashSet<>();
        for (int i = 0; i < plan.phases().size(); i++) {
            Phase phase = plan.phases().get(i);
            String field = "phases[" + i + "]";
            if (phase == null) {
                check.problem(field, "must not be null");
                continue;
            }
            check.name(field + ".name", phase.name());
            if (phase.name() != null && !phaseNames.add(phase.name())) {
                check.problem(field + ".name", "duplicates phase " + phase.name());
            }
            // The contract's phase carries its action; a plan without it would also pass every production rule
            // that reads the actions (two-phase-destructive) by hiding what the phase does.
            if (phase.action() == null || phase.action().isBlank()) {
                check.problem(field + ".action", "is required: the statement or command the phase runs");
            }
            check.duration(field + ".estimatedSeconds", phase.estimatedSeconds(), ChronoUnit.SECONDS);
        }
        check.throwIfAny();
    }

    static void requireValid(LedgerEvent event, Instant now, Duration maxClockSkew) {
        RequestValidation check = new RequestValidation();
        if (!event.postable()) {
            check.problems.add(InvalidRequestException.notPostable(event.type()));
        }
        check.present("eventId", event.eventId());
        if (event.eventId() != null && event.eventId().version() == DerivedEventIds.VERSION) {
            check.problem("eventId", "must not be a name-based (version 3) UUID: the ledger derives those for the "
                    + "events it writes itself; send a random (version 4) one");
        }
        check.name("actor", event.actor());
        check.present("occurredAt", event.occurredAt());
        check.instant("occurredAt", event.occurredAt());
        check.notAhead("occurredAt", event.occurredAt(), now, maxClockSkew);
        if (event instanceof PrecheckRecorded precheck) {
            check.name("check", precheck.check());
            check.present("status", precheck.status());
        } else if (event instanceof PhaseStarted started) {
            check.name("phase", started.phase());
        } else if (event instanceof PhaseApplied applied) {
            check.name("phase", applied.phase());
            check.duration("durationMs", applied.durationMs(), ChronoUnit.MILLIS);
            check.notNegative("rowsAffected", applied.rowsAffected());
            check.duration("lockWaitMs", applied.lockWaitMs(), ChronoUnit.MILLIS);
        } else if (event instanceof PhaseFailed failed) {
            check.name("phase", failed.phase());
            check.duration("durationMs", failed.durationMs(), ChronoUnit.MILLIS);
        } else if (event instanceof Verified verified) {
            check.optionalName("phase", verified.phase());
            check.checks(verified.checks());
        } else if (event instanceof VerificationFailed failed) {
            check.optionalName("phase", failed.phase());
            check.checks(failed.checks());
        } else if (event instanceof RollbackStarted rollback) {
            check.phases(rollback.phases());
        } else if (event instanceof RolledBack rolledBack) {
            check.phases(rolledBack.phases());
            check.duration("durationMs", rolledBack.durationMs(), ChronoUnit.MILLIS);
        } else if (event instanceof RollbackFailed failed) {
            check.phases(failed.phases());
            check.duration("durationMs", failed.durationMs(), ChronoUnit.MILLIS);
        } else if (event instanceof Progress progress) {
            check.name("phase", progress.phase());
            if (progress.percent() != null && !(progress.percent() >= 0 && progress.percent() <= 100)) {
                check.problem("percent", "must be between 0 and 100");
            }
            check.notNegative("rowsDone", progress.rowsDone());
            check.notNegative("rowsTotal", progress.rowsTotal());
            check.instant("eta", progress.eta());
        } else if (event instanceof SignedOff signedOff) {
            check.name("role", signedOff.role());
            check.name("signer", signedOff.signer());
            if (signedOff.evidenceHash() != null) {
                check.problem("evidenceHash", "is recorded by the ledger, never sent: it binds what the ledger holds");
            }
        }
        check.throwIfAny();
    }

    private void name(String field, String value) {
        if (value == null || value.isBlank()) {
            problem(field, "must not be blank");
        } else {
            optionalName(field, value);
        }
    }

    private void optionalName(String field, String value) {
        if (value != null) {
            Names.fault(value).ifPresent(fault -> problem(field, fault));
        }
    }

    private void names(String field, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            name(field + "[" + i + "]", values.get(i));
        }
        if (values.stream().distinct().count() < values.size()) {
            problem(field, "must not repeat a name");
        }
    }

    private void checks(List<String> checks) {
        if (checks != null) {
            names("checks", checks);
        }
    }

    private void phases(List<String> phases) {
        if (phases == null || phases.isEmpty()) {
            problem("phases", "must name at least one phase");
        } else {
            names("phases", phases);
        }
    }

    private void present(String field, Object value) {
        if (value == null) {
            problem(field, "is required");
        }
    }

    private void notNegative(String field, Number value) {
        if (value != null && value.doubleValue() < 0) {
            problem(field, "must not be negative");
        }
    }

    /** A duration in {@code unit}: not negative, and at most {@link #LONGEST}. */
    private void duration(String field, Long value, TemporalUnit unit) {
        notNegative(field, value);
        long max = LONGEST.dividedBy(unit.getDuration());
        if (value != null && value > max) {
            problem(field, "must be at most " + max + " (" + LONGEST.toDays() + " days)");
        }
    }

    /** The sender's clock may run ahead of the ledger's by {@code maxClockSkew}, no more. */
    private void notAhead(String field, Instant value, Instant now, Duration maxClockSkew) {
        if (value != null && StorableInstant.storable(value) && value.isAfter(now.plus(maxClockSkew))) {
            long seconds = maxClockSkew.toSeconds();
            String allowed = seconds == 60 ? "1 minute" : seconds % 60 == 0 ? seconds / 60 + " minutes"
                    : seconds + " seconds";
            problem(field, "is more than " + allowed + " in the future (ledger clock " + now
                    + "); check the sender's clock");
        }
    }

    private void instant(String field, Instant value) {
        if (value != null) {
            StorableInstant.problem(value).ifPresent(problem -> problem(field, problem));
        }
    }

    private void problem(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    private void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
