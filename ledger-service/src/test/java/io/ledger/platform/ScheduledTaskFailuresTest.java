package io.ledger.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ScheduledTaskFailuresTest {

    private static final String REPORT = "A scheduled task could not reach the database";

    private Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private final ScheduledTaskFailures failures = new ScheduledTaskFailures(new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    });

    @Test
    void aDatabaseOutageIsOneLineAMinuteCountingTheFailuresLeftOut(CapturedOutput output) {
        failures.handleError(unreachable());
        for (int i = 0; i < 9; i++) {
            now = now.plusSeconds(6);
            failures.handleError(unreachable());
        }
        now = now.plusSeconds(6);
        failures.handleError(unreachable());

        List<String> reports = output.getOut().lines().filter(line -> line.contains(REPORT)).toList();
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0))
                .endsWith(" runs again at its next turn: java.net.ConnectException: Connection refused");
        assertThat(reports.get(1)).endsWith("Connection refused (9 more such failures in the last 60 s)");
        assertThat(output.getOut()).doesNotContain("\tat ");
    }

    @Test
    void anyOtherFailureIsLoggedWithItsStackTrace(CapturedOutput output) {
        failures.handleError(new IllegalStateException("a bug"));

        assertThat(output.getOut()).contains("Unexpected error occurred in scheduled task",
                "java.lang.IllegalStateException: a bug", "\tat ");
    }

    private static RuntimeException unreachable() {
        return new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available",
                        new ConnectException("Connection refused")));
    }
}
