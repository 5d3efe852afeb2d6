package io.ledger.policy;

import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStep;
import io.ledger.api.Phase;
import io.ledger.api.Severity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ledger.ReadModels.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A production gate finds other migrations by fields of their plans through indexes (V10), not by decoding every
 * plan of the ledger: the lookups PolicyFacts runs can use them, and the indexed function reads the plan's fields.
 */
@LedgerServiceTest
class PlanFieldIndexesIT {

    private static final String PLANNED = "SELECT p.aggregateidentifier FROM domainevententry p "
            + "WHERE p.payloadtype = 'io.ledger.api.event.Planned' AND ";

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theIndexedFunctionReadsThePlansFields() {
        String id = uniqueId("expand");
        Ledgers.client(port).plan(new MigrationPlan(id, "orders-db", "prod", "3", null, "sha256:ab12",
                MigrationKind.SCHEMA, MigrationStep.EXPAND, "alice", List.of("bob"), Severity.LOW, null, null,
                List.of(new Phase("add-column", "ALTER TABLE orders ADD COLUMN status text", null, null, false, null)),
                List.of(), List.of()));

        Map<String, Object> fields = jdbc.queryForMap("SELECT ledger_plan_field(payload, 'checksum') AS checksum, "
                + "ledger_plan_field(payload, 'database') AS database, "
                + "ledger_plan_field(payload, 'environment') AS env, "
                + "ledger_plan_field(payload, 'step') AS step FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype = 'io.ledger.api.event.Planned'", id);

        assertThat(fields).containsEntry("checksum", "sha256:ab12").containsEntry("database", "orders-db")
                .containsEntry("env", "prod").containsEntry("step", "expand");
        assertThat(jdbc.queryForList(PLANNED + PolicyFacts.SAME_CHECKSUM, String.class, "sha256:ab12", "prod"))
                .contains(id);
        assertThat(jdbc.queryForList(PLANNED + PolicyFacts.SAME_STEP, String.class, "orders-db", "prod", "expand"))
                .contains(id);
    }

    @Test
    void thePromotionLookupCanUseItsIndex() throws Exception {
        assertThat(planOf(PLANNED + PolicyFacts.SAME_CHECKSUM, "sha256:ab12", "staging"))
                .contains("using domainevententry_plan_checksum")
                .containsPattern("Index Cond: .*ledger_plan_field\\(payload, 'checksum'.*ledger_plan_field\\(payload, "
                        + "'environment'");
    }

    @Test
    void theExpandLookupCanUseItsIndex() throws Exception {
        assertThat(planOf(PLANNED + PolicyFacts.SAME_STEP, "orders-db", "prod", "expand"))
                .contains("using domainevententry_plan_step")
                .containsPattern("Index Cond: .*ledger_plan_field\\(payload, 'database'.*ledger_plan_field\\(payload, "
                        + "'environment'.*ledger_plan_field\\(payload, 'step'");
    }

    /**
     * The query's plan, one line per node, with sequential scans priced out: a test ledger is too small for the
     * planner to prefer an index on its own, but an expression the index does not match cannot be its condition at
     * any price.
     */
    private String planOf(String query, String... arguments) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET enable_seqscan = off");
            }
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + query)) {
                for (int i = 0; i < arguments.length; i++) {
                    explain.setString(i + 1, arguments[i]);
                }
                List<String> lines = new ArrayList<>();
                try (ResultSet plan = explain.executeQuery()) {
                    while (plan.next()) {
                        lines.add(plan.getString(1));
                    }
                }
                return String.join("\n", lines);
            } finally {
                try (Statement settings = connection.createStatement()) {
                    settings.execute("RESET enable_seqscan");
                }
            }
        }
    }
}
