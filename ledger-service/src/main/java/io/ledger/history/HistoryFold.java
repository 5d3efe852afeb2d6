package io.ledger.history;

import io.ledger.api.MigrationPlan;
import io.ledger.api.PhaseStatus;
import io.ledger.api.event.Aborted;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.PhaseFailed;
import io.ledger.api.event.Planned;
import io.ledger.api.event.RollbackFailed;
import io.ledger.api.event.RolledBack;
import io.ledger.api.event.SignedOff;
import io.ledger.api.event.VerificationFailed;
import io.ledger.api.view.MigrationView;
import io.ledger.api.view.PhaseView;
import io.ledger.migration.CacheWeight;
import io.ledger.migration.MigrationState;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.ledger.api.event.LedgerEvent.LEDGER_ACTOR;

/**
 * One migration's history row, folded from its events: the lifecycle comes from {@link MigrationState}, so history
 * shows the same status as {@code GET /migrations/{id}}; the rest (actors, principals, rollbacks, error texts) is
 * counted here.
 * Only the projection thread that owns the migration's segment touches a fold.
 */
final class HistoryFold {

    /** Bounds the search text of a migration that fails over and over with ever new messages. */
    private static final int MAX_TEXTS = 50;
    private static final int MAX_TEXT_LENGTH = 500;
    private static final Set<PhaseStatus> APPLIED = EnumSet.of(PhaseStatus.APPLIED, PhaseStatus.VERIFIED);
    private static final Set<PhaseStatus> FAILED =
            EnumSet.of(PhaseStatus.FAILED, PhaseStatus.VERIFICATION_FAILED, PhaseStatus.ROLLBACK_FAILED);

    private final MigrationState state = new MigrationState();
    private MigrationPlan plan;
    private final Set<String> actors = new TreeSet<>();
    private final Set<String> principals = new TreeSet<>();
    private final Set<String> errors = new LinkedHashSet<>();
    private int rollbacks;
    private long lastSequence = -1;

    /** Its weight in the projection's cache; the plan is the state's. */
    int cacheWeight() {
        return CacheWeight.units(state.heldTextBytes() + errors.stream().mapToLong(CacheWeight::length).sum());
    }

    /** @param principal the token whose request recorded the event; null for events recorded before tokens */
    void apply(LedgerEvent event, long sequence, Instant recordedAt, String principal) {
        state.apply(event, sequence, recordedAt);
        lastSequence = sequence;
        if (principal != null) {
            principals.add(principal);
        }
        if (!LEDGER_ACTOR.equals(event.actor())) {
            actors.add(event.actor());
        }
        if (event instanceof Planned planned) {
            plan = planned.plan();
        } else if (event instanceof SignedOff signedOff) {
            actors.add(signedOff.signer());
        } else if (event instanceof RolledBack) {
            rollbacks++;
        } else if (event instanceof PhaseFailed failed) {
            remember(failed.error());
        } else if (event instanceof RollbackFailed failed) {
            remember(failed.error());
        } else if (event instanceof VerificationFailed failed) {
            remember(failed.evidence());
            if (failed.checks() != null) {
                failed.checks().forEach(this::remember);
            }
        } else if (event instanceof Aborted aborted) {
            remember(aborted.reason());
        }
    }

    /** Whether the next event of the migration, at {@code sequence}, continues this fold. */
    boolean continuesWith(long sequence) {
        return sequence == lastSequence + 1;
    }

    long lastSequence() {
        return lastSequence;
    }

    boolean exists() {
        return plan != null;
    }

    HistoryRow row() {
        MigrationView view = state.view();
        List<PhaseView> phases = view.phases();
        return new HistoryRow(view.id(), plan.database(), plan.environment(), plan.version(), plan.description(),
                plan.owner(), view.status(), view.plannedAt(), view.startedAt(), view.finishedAt(),
                view.lastEventAt(),
                view.startedAt() != null && view.finishedAt() != null
                        ? Duration.between(view.startedAt(), view.finishedAt()).toMillis() : null,
                phases.size(),
                (int) phases.stream().filter(phase -> APPLIED.contains(phase.status())).count(),
                (int) phases.stream().filter(phase -> FAILED.contains(phase.status())).count(),
                (int) view.prechecks().stream()
                        .filter(check -> check.required() && check.status() != null && check.status().satisfies())
                        .count(),
                plan.requiredPrechecks().size(), view.signOffs().size(), view.anomalies().size(), rollbacks,
                List.copyOf(actors), List.copyOf(principals));
    }

    /** What {@code q} searches: description, version, phase names and the errors seen, one per line. */
    String searchText() {
        Set<String> texts = new LinkedHashSet<>();
        texts.add(plan.version());
        if (plan.description() != null) {
            texts.add(plan.description());
        }
        plan.phases().forEach(phase -> texts.add(phase.name()));
        texts.addAll(errors);
        return String.join("\n", texts);
    }

    private void remember(String text) {
        if (text != null && !text.isBlank() && errors.size() < MAX_TEXTS) {
            errors.add(text.length() > MAX_TEXT_LENGTH ? text.substring(0, MAX_TEXT_LENGTH) : text);
        }
    }
}
