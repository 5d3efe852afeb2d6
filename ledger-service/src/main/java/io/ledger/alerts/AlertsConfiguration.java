package io.ledger.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.migration.EventLog;
import io.ledger.projections.Projections;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * The alerts' parts, wired from {@link AlertsProperties}. The parts take their sinks, thresholds and clock as
 * arguments rather than reading settings, so that tests build their own with a receiver of their own or a fixed
 * clock while the shared application context stays as it is.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AlertsConfiguration {

    private static final Clock CLOCK = Clock.systemUTC();

    @Bean
    Outbox alertOutbox(JdbcTemplate jdbc, ObjectMapper json, AlertsProperties settings) {
        return new Outbox(jdbc, json, settings.sinks(), settings.groupWindow(), settings.notifyMaxAge());
    }

    @Bean
    AlertStore alertStore(JdbcTemplate jdbc, Outbox alertOutbox) {
        return new AlertStore(jdbc, alertOutbox, CLOCK);
    }

    @Bean
    Watchdog alertWatchdog(JdbcTemplate jdbc, AlertStore alertStore, AlertsProperties settings) {
        return new Watchdog(jdbc, alertStore, settings.overrunFactor(), settings.stallAfter());
    }

    @Bean
    Scan alertScan(Watchdog alertWatchdog, AlertStore alertStore, Projections projections,
            TransactionTemplate transactions, EventLog log) {
        return new Scan(alertWatchdog, alertStore, projections, transactions, log, CLOCK);
    }

    @Bean
    Payloads alertPayloads(ObjectMapper json, AlertsProperties settings) {
        return new Payloads(json, settings.publicUrl());
    }

    @Bean
    Sender alertSender(JdbcTemplate jdbc, TransactionTemplate transactions, ObjectMapper json, Payloads alertPayloads,
            AlertsProperties settings, MeterRegistry meters) {
        return new Sender(jdbc, transactions, json, alertPayloads, settings.sinks(),
                new Sender.Backoff(settings.retryInitial(), settings.retryMax(), settings.maxAttempts()), meters, CLOCK);
    }

    @Bean
    Resender alertResender(JdbcTemplate jdbc, AlertStore alertStore, Payloads alertPayloads, Sender alertSender,
            AlertsProperties settings, ObjectMapper json) {
        return new Resender(jdbc, alertStore, alertPayloads, alertSender, settings.sinks(), json);
    }
}
