package io.ledger.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.api.Reason;
import io.ledger.api.view.GateRefusal;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An RFC 9457 problem-details body with the ledger's extensions ({@code rule}, {@code reasons}, {@code errors}...),
 * read leniently: a body that is not problem details, such as a proxy's HTML page, reads as an empty problem.
 */
record Problem(
        String type,
        String title,
        String detail,
        String rule,
        UUID eventId,
        Long sequence,
        List<Reason> reasons,
        List<LedgerRejectedException.FieldError> errors) {

    private static final Problem NONE = new Problem(null, null, null, null, null, null, null, null);

    Problem {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    static Problem read(String body, ObjectMapper json) {
        try {
            Problem problem = json.readValue(body, Problem.class);
            return problem == null ? NONE : problem;
        } catch (JsonProcessingException notProblemDetails) {
            return NONE;
        }
    }

    /** Whether the ledger names this rule, whether as the problem's own rule or as one of its reasons. */
    boolean names(String rule) {
        return rule.equals(this.rule) || reasons.stream().anyMatch(reason -> rule.equals(reason.rule()));
    }

    GateRefusal refusal(int status) {
        return new GateRefusal(type, title, status, detail, eventId, sequence, reasons);
    }

    /** The most telling sentence the body offers, or null. */
    String explanation() {
        if (detail != null && !detail.isBlank()) {
            return detail;
        }
        if (!reasons.isEmpty()) {
            return reasons.stream().map(Reason::message).collect(Collectors.joining("; "));
        }
        return title;
    }
}
