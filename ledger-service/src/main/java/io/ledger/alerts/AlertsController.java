package io.ledger.alerts;

import io.ledger.access.Caller;
import io.ledger.access.Tokens;
import io.ledger.api.Severity;
import io.ledger.api.access.Role;
import io.ledger.web.InvalidRequestException;
import io.ledger.web.Names;
import io.ledger.web.InvalidRequestException.FieldProblem;
import io.ledger.web.Problems;
import io.ledger.web.QueryParameters;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

/** Alerts for people: what is firing, and acknowledging or resolving it. */
@RestController
@RequestMapping(path = "/api/v1/alerts", produces = {APPLICATION_JSON_VALUE, APPLICATION_PROBLEM_JSON_VALUE})
class AlertsController {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final int MAX_TEXT = 2000;
    private static final Set<String> PARAMETERS =
            Set.of("state", "severity", "migrationId", "database", "environment", "limit");

    private final AlertStore alerts;
    private final TransactionTemplate transactions;
    private final Tokens tokens;

    AlertsController(AlertStore alerts, TransactionTemplate transactions, Tokens tokens) {
        this.alerts = alerts;
        this.transactions = transactions;
        this.tokens = tokens;
    }

    /** A person's note on acknowledging or resolving; both fields are optional. */
    record Action(String by, String comment) {
    }

    @GetMapping
    List<Alert> search(@RequestParam MultiValueMap<String, String> parameters) {
        QueryParameters query = new QueryParameters(parameters, PARAMETERS);
        AlertState wantedState = parse(query, "state", AlertState::of, AlertState.values());
        Severity wantedSeverity = parse(query, "severity", AlertsController::severity, Severity.values());
        int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
        query.throwIfAny();
        return alerts.search(new AlertFilter(wantedState, wantedSeverity, query.text("migrationId"),
                query.text("database"), query.text("environment"), limit));
    }

    @GetMapping("/{id}")
    ResponseEntity<?> one(@PathVariable String id) {
        UUID alertId = id(id);
        return alerts.find(alertId).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> notFound(alertId));
    }

    @PostMapping(path = "/{id}/ack", consumes = APPLICATION_JSON_VALUE)
    ResponseEntity<?> acknowledge(@PathVariable String id, @RequestBody(required = false) Action action,
            @AuthenticationPrincipal Caller caller) {
        return act(id, action, caller, (alertId, by, comment) -> alerts.acknowledge(alertId, by, comment));
    }

    @PostMapping(path = "/{id}/resolve", consumes = APPLICATION_JSON_VALUE)
    ResponseEntity<?> resolve(@PathVariable String id, @RequestBody(required = false) Action action,
            @AuthenticationPrincipal Caller caller) {
        return act(id, action, caller, (alertId, by, comment) -> alerts.resolve(alertId, by, comment));
    }

    private interface Change {
        AlertStore.Outcome apply(UUID id, String by, String comment);
    }

    /** {@code by} names the person who acts, the caller's token when the body names no one. */
    private ResponseEntity<?> act(String id, Action action, Caller caller, Change change) {
        UUID alertId = id(id);
        String by = action == null || action.by() == null ? caller.name() : action.by();
        String comment = action == null ? null : action.comment();
        List<FieldProblem> problems = new ArrayList<>();
        Names.fault(by).ifPresent(fault -> problems.add(new FieldProblem("by", fault)));
        if (comment != null && comment.length() > MAX_TEXT) {
            problems.add(new FieldProblem("comment", "must be at most " + MAX_TEXT + " characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        // An approver acts on the alerts of the migrations it may sign off, as admins on every one; checked before
        // the name, so that a caller out of scope learns nothing of the tokens' names.
        Optional<Alert> alert = alerts.find(alertId);
        if (alert.isEmpty()) {
            return notFound(alertId);
        }
        if (!caller.has(Role.ADMIN)) {
            caller.requireReach(alert.get().database(), alert.get().environment(),
                    "act on the alerts of " + alert.get().migrationId());
        }
        tokens.requireNotAnotherToken("by", by, caller);
        AlertStore.Outcome outcome = transactions.execute(status -> change.apply(alertId, by, comment));
        if (outcome instanceof AlertStore.Outcome.Changed changed) {
            return ResponseEntity.ok(changed.alert());
        }
        if (outcome instanceof AlertStore.Outcome.Refused refused) {
            ProblemDetail problem = Problems.problem(HttpStatus.CONFLICT, "alert-transition-refused",
                    "Alert transition refused", refused.message());
            problem.setProperty("rule", refused.rule());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
        return notFound(alertId);
    }

    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            throw new InvalidRequestException(List.of(new FieldProblem("id", "must be an alert id (a UUID)")));
        }
    }

    private static ResponseEntity<ProblemDetail> notFound(UUID id) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.problem(HttpStatus.NOT_FOUND,
                "alert-not-found", "Alert not found", "no alert has id " + id));
    }

    private static Severity severity(String wireId) {
        return Arrays.stream(Severity.values()).filter(value -> value.wireId().equals(wireId)).findFirst()
                .orElseThrow(IllegalArgumentException::new);
    }

    private static <T> T parse(QueryParameters query, String field, Function<String, T> parser, Object[] allowed) {
        String value = query.text(field);
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException unknown) {
            query.problem(field, "must be one of " + Arrays.stream(allowed).map(Object::toString)
                    .map(name -> name.toLowerCase(Locale.ROOT)).toList());
            return null;
        }
    }
}
