package io.ledger.migration;

import io.ledger.access.Caller;
import io.ledger.access.MigrationTargets;
import io.ledger.access.Tokens;
import io.ledger.api.MigrationPlan;
import io.ledger.api.Reason;
import io.ledger.api.event.Gate;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.PhaseStarted;
import io.ledger.api.access.Role;
import io.ledger.api.event.Planned;
import io.ledger.api.event.SignedOff;
import io.ledger.api.view.MigrationView;
import io.ledger.api.view.RecordedEvent;
import io.ledger.platform.EventKey;
import io.ledger.platform.LedgerProperties;
import io.ledger.policy.Compliance;
import io.ledger.policy.GateEvidence;
import io.ledger.policy.PlanAnalysis;
import io.ledger.policy.PolicyFacts;
import io.ledger.web.Problems;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;

import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

/**
 * The runners' side of the contract. Every {@code 2xx} and every recorded refusal is answered only after the
 * command's unit of work committed the events to PostgreSQL.
 */
@RestController
@RequestMapping(path = "/api/v1/migrations", produces = {APPLICATION_JSON_VALUE, APPLICATION_PROBLEM_JSON_VALUE})
class MigrationController {

    private static final int SIGN_OFF_ATTEMPTS = 5;
    /** PostgreSQL's SQLSTATE for a duplicate key. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final GroupCommit commands;
    private final EventLog log;
    private final LedgerProperties properties;
    private final PolicyFacts policyFacts;
    private final MigrationTargets targets;
    private final Tokens tokens;
    private final PhaseReversals reversals;

    MigrationController(GroupCommit commands, EventLog log, LedgerProperties properties, PolicyFacts policyFacts,
            MigrationTargets targets, Tokens tokens, PhaseReversals reversals) {
        this.commands = commands;
        this.log = log;
        this.properties = properties;
        this.policyFacts = policyFacts;
        this.targets = targets;
        this.tokens = tokens;
        this.reversals = reversals;
    }

    @PostMapping(consumes = APPLICATION_JSON_VALUE)
    ResponseEntity<?> plan(@RequestBody MigrationPlan plan, @AuthenticationPrincipal Caller caller) {
        Instant now = Instant.now();
        RequestValidation.requireValid(plan, now, properties.maxClockSkew());
        caller.requireReach(plan.database(), plan.environment(), "plan " + plan.id());
        // The analysis is recorded with the plan, so that gates judged later and replays read the same findings
        // whatever the linter says by then. When the plan was made is the event's time, not part of the plan.
        MigrationPlan stored = plan.withPlannedAt(null);
        Planned planned = new Planned(DerivedEventIds.planned(plan.id()),
                plan.plannedAt() != null ? plan.plannedAt() : now, plan.owner(), null, stored,
                PlanAnalysis.of(stored));
        Outcome outcome = send(new PlanMigration(plan.id(), planned), caller).outcome();
        if (outcome instanceof Outcome.Conflict conflict) {
            return conflict(conflict.reason());
        }
        HttpStatus status = outcome instanceof Outcome.Recorded ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status).location(URI.create("/api/v1/migrations/" + plan.id())).body(view(plan.id()));
    }

    @PostMapping(path = "/{id}/events", consumes = APPLICATION_JSON_VALUE)
    ResponseEntity<?> record(@PathVariable String id, @RequestBody LedgerEvent event,
            @AuthenticationPrincipal Caller caller) {
        RequestValidation.requireValid(event, Instant.now(), properties.maxClockSkew());
        Optional<MigrationTargets.Target> target = targets.of(id);
        if (target.isEmpty()) {
            return notFound(id);
        }
        caller.require(event instanceof SignedOff ? Role.APPROVER : Role.RUNNER,
                event instanceof SignedOff ? "signing off" : "posting " + event.type());
        // The scope before the names, so that a caller out of scope learns nothing of the tokens' names.
        caller.requireReach(target.get().database(), target.get().environment(), "write to " + id);
        if (event instanceof SignedOff signOff) {
            tokens.requireNotAnotherToken("signer", signOff.signer(), caller);
        }
        tokens.requireNotAnotherToken("actor", event.actor(), caller);
        GroupCommit.Committed committed;
        try {
            committed = send(id, event, caller);
        } catch (RuntimeException failure) {
            if (!isUniqueViolation(failure)) {
                throw failure;
            }
            // An eventId is unique in the event table: another migration's may be what the append ran into. Axon
            // reports that as any other failure of the insert.
            Optional<EventKey> elsewhere = log.recordedAs(event.eventId())
                    .filter(recorded -> !recorded.migrationId().equals(id));
            if (elsewhere.isEmpty()) {
                // Another writer (a second instance on this database) appended to this migration first: the copy
                // judged here was stale and is dropped with the failed batch, so a retry is judged afresh.
                throw new ConcurrencyException("another writer appended to " + id + " first", failure);
            }
            // Named only to a caller who may read that migration: the others learn no migration they did not name.
            Optional<MigrationTargets.Target> other = targets.of(elsewhere.get().migrationId());
            boolean readable = caller.readsEverything() || other.isPresent()
                    && caller.reaches(other.get().database(), other.get().environment());
            return conflict(new Reason(Receipt.EVENT_ID_CONFLICT, "eventId " + event.eventId() + " is "
                    + (readable ? "event " + elsewhere.get().sequence() + " of migration "
                            + elsewhere.get().migrationId() : "an event of another migration")
                    + "; an eventId names one event in the whole ledger"));
        }
        Outcome outcome = committed.outcome();
        if (outcome instanceof Outcome.Recorded recorded) {
            // Read whole: a sign-off is recorded with the evidence hash the ledger added.
            RecordedEvent stored = event instanceof SignedOff
                    ? acknowledged(log.event(id, recorded.sequence()), id, recorded.sequence())
                    : stamped(id, recorded.sequence(), committed.stored().orElseThrow(), caller, event);
            return ResponseEntity.status(HttpStatus.CREATED).body(stored);
        }
        if (outcome instanceof Outcome.Duplicate duplicate) {
            // Read whole: a completion the ledger drew itself answers a runner's later one.
            return ResponseEntity.ok(acknowledged(log.event(id, duplicate.sequence()), id, duplicate.sequence()));
        }
        if (outcome instanceof Outcome.Refused refused) {
            ProblemDetail problem = Problems.problem(HttpStatus.CONFLICT, "gate-refused", "Gate refused",
                    event.type() + " refused: " + String.join("; ", refused.reasons().stream().map(Reason::message).toList()));
            problem.setProperty("eventId", event.eventId());
            problem.setProperty("sequence", refused.sequence());
            problem.setProperty("reasons", refused.reasons());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
        return conflict(((Outcome.Conflict) outcome).reason());
    }

    @GetMapping("/{id}")
    ResponseEntity<?> migration(@PathVariable String id) {
        return log.state(id, Long.MAX_VALUE).<ResponseEntity<?>>map(state -> ResponseEntity.ok(state.view()))
                .orElseGet(() -> notFound(id));
    }

    /** Each policy rule of the latest decision with its evidence event; docs/policy.md. */
    @GetMapping("/{id}/compliance")
    ResponseEntity<?> compliance(@PathVariable String id) {
        return log.planned(id).<ResponseEntity<?>>map(planned -> ResponseEntity.ok(
                        Compliance.of(id, planned.plan().environment(), log.inOrder(id), reversals)))
                .orElseGet(() -> notFound(id));
    }

    @GetMapping("/{id}/events")
    ResponseEntity<?> events(@PathVariable String id) {
        Iterator<RecordedEvent> events = log.inOrder(id);
        // Written as they are read: a migration's events may add up to more than the heap.
        return events.hasNext() ? ResponseEntity.ok((Iterable<RecordedEvent>) () -> events) : notFound(id);
    }

    /**
     * A sign-off binds the migration's last event as read here. Should another event be recorded before the
     * command runs, the aggregate answers {@link Outcome.Stale} and the head is read again; a migration that busy
     * for long is answered {@code 503}, to retry.
     */
    private GroupCommit.Committed send(String id, LedgerEvent event, Caller caller) {
        GateEvidence evidence = evidenceFor(id, event);
        if (!(event instanceof SignedOff)) {
            return send(new RecordEvent(id, event, evidence), caller);
        }
        for (int attempt = 1; ; attempt++) {
            GroupCommit.Committed committed = send(new RecordEvent(id, event, evidence, log.head(id).orElse(null)),
                    caller);
            if (!(committed.outcome() instanceof Outcome.Stale stale)) {
                return committed;
            }
            if (attempt == SIGN_OFF_ATTEMPTS) {
                throw new ConcurrencyException("events kept arriving on " + id + " while signing it off; last at "
                        + stale.lastSequence());
            }
        }
    }

    /**
     * Only gates are judged by policy, and only a phase's start by facts about other migrations. An unknown
     * migration has no policy, and the aggregate answers 404.
     */
    private GateEvidence evidenceFor(String id, LedgerEvent event) {
        if (!(event instanceof Gate)) {
            return GateEvidence.NONE;
        }
        return log.planned(id)
                .map(planned -> event instanceof PhaseStarted ? policyFacts.evidenceFor(planned.plan())
                        : policyFacts.policyFor(planned.plan()))
                .orElse(GateEvidence.NONE);
    }

    /** The caller's token rides along as metadata, which Axon copies onto every event the command applies. */
    private GroupCommit.Committed send(MigrationCommand command, Caller caller) {
        return commands.send(command, caller.name());
    }

    private static RecordedEvent stamped(String id, long sequence, GroupCommit.Stored stored, Caller caller,
            LedgerEvent event) {
        return new RecordedEvent(id, sequence, stored.position(), stored.recordedAt(), caller.name(), event);
    }

    private MigrationView view(String id) {
        return log.state(id, Long.MAX_VALUE).orElseThrow().view();
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static RecordedEvent acknowledged(Optional<RecordedEvent> recorded, String id, long sequence) {
        return recorded.orElseThrow(() ->
                new IllegalStateException("event " + sequence + " of " + id + " was committed but cannot be read"));
    }

    private static ResponseEntity<ProblemDetail> conflict(Reason reason) {
        ProblemDetail problem = Problems.problem(HttpStatus.CONFLICT, reason.rule(), "Conflict", reason.message());
        problem.setProperty("rule", reason.rule());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    static ResponseEntity<ProblemDetail> notFound(String id) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.problem(HttpStatus.NOT_FOUND,
                "migration-not-found", "Migration not found", "no migration " + id + " is planned"));
    }
}
