package io.ledger.policy;

import io.ledger.web.QueryParameters;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

/** The seed's acceptance criteria, counted per database and environment; docs/policy.md. */
@RestController
@RequestMapping(produces = {APPLICATION_JSON_VALUE, APPLICATION_PROBLEM_JSON_VALUE})
class ComplianceReportController {

    /** Report names of the criteria, in the seed's order, by column. */
    private static final Map<String, String> CRITERIA = criteria();
    private static final List<String> OUTCOMES = List.of("pass", "fail", "not-applicable");

    record Counts(long pass, long fail, long notApplicable, long notEvaluated) {
    }

    record Group(String database, String environment, long migrations, Map<String, Counts> criteria) {
    }

    record Report(List<Group> groups) {
    }

    private final JdbcTemplate jdbc;

    ComplianceReportController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/v1/reports/compliance")
    Report compliance(@RequestParam MultiValueMap<String, String> parameters) {
        QueryParameters query = new QueryParameters(parameters, Set.of("database", "environment"));
        query.throwIfAny();
        String database = query.text("database");
        String environment = query.text("environment");
        StringBuilder sql = new StringBuilder("SELECT database, environment, count(*) AS migrations");
        CRITERIA.keySet().forEach(column -> {
            OUTCOMES.forEach(outcome -> sql.append(", count(*) FILTER (WHERE ").append(column).append(" = '")
                    .append(outcome).append("') AS ").append(column).append('_').append(outcome.replace('-', '_')));
            sql.append(", count(*) FILTER (WHERE ").append(column).append(" IS NULL) AS ").append(column)
                    .append("_none");
        });
        sql.append(" FROM policy_compliance WHERE (CAST(? AS text) IS NULL OR database = ?) "
                + "AND (CAST(? AS text) IS NULL OR environment = ?) GROUP BY database, environment "
                + "ORDER BY database, environment");
        List<Group> groups = jdbc.query(sql.toString(), (row, n) -> {
            Map<String, Counts> counts = new LinkedHashMap<>();
            for (Map.Entry<String, String> criterion : CRITERIA.entrySet()) {
                String column = criterion.getKey();
                counts.put(criterion.getValue(), new Counts(row.getLong(column + "_pass"), row.getLong(column + "_fail"),
                        row.getLong(column + "_not_applicable"), row.getLong(column + "_none")));
            }
            return new Group(row.getString("database"), row.getString("environment"), row.getLong("migrations"),
                    counts);
        }, database, database, environment, environment);
        return new Report(new ArrayList<>(groups));
    }

    private static Map<String, String> criteria() {
        Map<String, String> criteria = new LinkedHashMap<>();
        criteria.put("additive_only", "additive-only");
        criteria.put("rollback_per_phase", "rollback-per-phase");
        criteria.put("staging_before_prod", "staging-before-prod");
        criteria.put("backup_before_prod", "backup-before-prod");
        criteria.put("duration_in_budget", "duration-in-budget");
        criteria.put("failure_rolled_back", "failure-rolled-back");
        return criteria;
    }
}
