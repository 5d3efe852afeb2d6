package io.ledger.policy;

import io.ledger.api.MigrationPlan;
import io.ledger.lint.Finding;
import io.ledger.lint.PlanLinter;
import io.ledger.lint.SqlLinter;
import io.ledger.web.InvalidRequestException;
import io.ledger.web.InvalidRequestException.FieldProblem;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

/** The SQL safety analysis, for CI and reviewers before a migration is planned; it records nothing. */
@RestController
@RequestMapping(produces = {APPLICATION_JSON_VALUE, APPLICATION_PROBLEM_JSON_VALUE})
class LintController {

    record LintRequest(String sql, MigrationPlan plan) {
    }

    record LintResult(List<Finding> findings) {
    }

    @PostMapping(path = "/api/v1/lint", consumes = APPLICATION_JSON_VALUE)
    LintResult lint(@RequestBody LintRequest request) {
        boolean hasSql = request.sql() != null;
        boolean hasPlan = request.plan() != null;
        if (hasSql == hasPlan) {
            String message = hasSql ? "give either sql or plan, not both" : "give sql or plan";
            throw new InvalidRequestException(List.of(new FieldProblem(hasSql ? "plan" : "sql", message)));
        }
        return new LintResult(hasSql ? SqlLinter.lint(request.sql()) : PlanLinter.lint(request.plan()));
    }
}
