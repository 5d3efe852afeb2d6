package io.ledger.client;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The ledger rejected the request with a {@code 4xx} that no other exception describes: {@code 400}, {@code 413},
 * {@code 415}, {@code 422}... Sending it again cannot succeed, so it was sent once.
 */
public final class LedgerRejectedException extends LedgerException {

    /** One field at fault, as the ledger's problem details name it. */
    public record FieldError(String field, String message) {
    }

    private static final int QUOTED_BODY_LENGTH = 200;

    private final int status;
    private final Problem problem;
    private final String body;

    LedgerRejectedException(int status, Problem problem, String body) {
        super(message(status, problem, body));
        this.status = status;
        this.problem = problem;
        this.body = body;
    }

    public int status() {
        return status;
    }

    /** The problem type URI, which names the kind of error; null when the answer was not problem details. */
    public String type() {
        return problem.type();
    }

    public String title() {
        return problem.title();
    }

    public String detail() {
        return problem.detail();
    }

    public List<FieldError> errors() {
        return problem.errors();
    }

    /** The answer's body as received, for what this client does not read. */
    public String body() {
        return body;
    }

    private static String message(int status, Problem problem, String body) {
        String explanation = problem.explanation();
        if (explanation == null && body != null && !body.isBlank()) {
            explanation = body.length() > QUOTED_BODY_LENGTH ? body.substring(0, QUOTED_BODY_LENGTH) + "…" : body;
        }
        // The ledger's detail usually spells out its errors already; say each once.
        String said = explanation == null ? "" : explanation;
        List<String> unsaid = problem.errors().stream().map(error -> error.field() + ": " + error.message())
                .filter(error -> !said.contains(error)).toList();
        return "ledger rejected the request with " + status
                + (explanation == null ? "" : ": " + explanation)
                + (unsaid.isEmpty() ? "" : unsaid.stream().collect(Collectors.joining("; ", " [", "]")));
    }
}
