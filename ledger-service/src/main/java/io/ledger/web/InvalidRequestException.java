package io.ledger.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.util.List;

/** A request that parsed but breaks the contract's rules; answered {@code 400} naming every field at fault. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidRequestException(List<FieldProblem> problems) {
        super(problems.stream().map(FieldProblem::toString).reduce((a, b) -> a + "; " + b).orElse("invalid request"));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** The {@code 400} problem detail naming every field at fault. */
    ProblemDetail problem() {
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                getMessage());
        problem.setProperty("errors", problems);
        return problem;
    }

    /** A runner posted an event of a type that only the ledger writes. */
    public static FieldProblem notPostable(String type) {
        return new FieldProblem("type", type + " is written by the ledger itself"
                + ("planned".equals(type) ? "; plan a migration with POST /api/v1/migrations" : ""));
    }

    public record FieldProblem(String field, String message) {

        @Override
        public String toString() {
            return field + ": " + message;
        }
    }
}
