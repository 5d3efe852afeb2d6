package io.ledger.alerts;

import io.ledger.access.Caller;
import io.ledger.access.Tokens;
import io.ledger.api.Severity;
import io.ledger.web.InvalidRequestException;
import io.ledger.web.InvalidRequestException.FieldProblem;
import io.ledger.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
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
import java.util.UUID;
import java.util.function.Function;

/** Alerts for people: what is firing, and acknowledging or resolving it. */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertsController {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final int MAX_TEXT = 2000;

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
    List<Alert> search(@RequestParam(required = false) String state, @RequestParam(required = false) String severity,
            @RequestParam(required = false) String migrationId, @RequestParam(required = false) String database,
            @RequestParam(required = false) String environment, @RequestParam(required = false) Integer limit) {
        List<FieldProblem> problems = new ArrayList<>();
        AlertState wantedState = parse("state", state, AlertState::of, problems, AlertState.values());
        Severity wantedSeverity = parse("severity", severity, AlertsController::severity, problems, Severity.values());
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            problems.add(new FieldProblem("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return alerts.search(new AlertFilter(wantedState, wantedSeverity, migrationId, database, environment,
                limit == null ? DEFAULT_LIMIT : limit));
    }

    @GetMapping("/{id}")
    ResponseEntity<?> one(@PathVariable String id) {
        UUID alertId = id(id);
        return alerts.find(alertId).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> notFound(alertId));
    }

    @PostMapping("/{id}/ack")
    ResponseEntity<?> acknowledge(@PathVariable String id, @RequestBody(required = false) Action action,
            @AuthenticationPrincipal Caller caller) {
        return act(id, action, caller, (alertId, by, comment) -> alerts.acknowledge(alertId, by, comment));
    }

    @PostMapping("/{id}/resolve")
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
        String by = action == null || action.by() == null || action.by().isBlank() ? caller.name() : action.by().strip();
        tokens.requireNotAnotherToken("by", by, caller);
        String comment = action == null ? null : action.comment();
        List<FieldProblem> problems = new ArrayList<>();
        if (by.length() > 200) {
            problems.add(new FieldProblem("by", "must be at most 200 characters"));
        }
        if (comment != null && comment.length() > MAX_TEXT) {
            problems.add(new FieldProblem("comment", "must be at most " + MAX_TEXT + " characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
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

    private static <T> T parse(String field, String value, Function<String, T> parser, List<FieldProblem> problems,
            Object[] allowed) {
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException unknown) {
            problems.add(new FieldProblem(field, "must be one of " + Arrays.stream(allowed).map(Object::toString)
                    .map(name -> name.toLowerCase(Locale.ROOT)).toList()));
            return null;
        }
    }
}
