package io.ledger.alerts;

import io.ledger.api.Severity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@code ledger.alerts.firing}: alerts firing (not yet acknowledged or resolved) by severity, read at each scrape. */
@Component
class AlertMetrics {

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;

    AlertMetrics(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerGauges() {
        for (Severity severity : Severity.values()) {
            Gauge.builder("ledger.alerts.firing", () -> jdbc.queryForObject(
                            "SELECT count(*) FROM alert WHERE state = 'firing' AND severity = ?", Long.class,
                            severity.wireId()))
                    .tag("severity", severity.wireId())
                    .description("Alerts firing, neither acknowledged nor resolved")
                    .register(meters);
        }
    }
}
