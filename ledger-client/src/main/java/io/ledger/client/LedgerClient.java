package io.ledger.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.api.MigrationPlan;
import io.ledger.api.Runner;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.view.MigrationView;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.internal.Json;
import io.ledger.client.internal.Reply;
import io.ledger.client.internal.RetriesExhausted;
import io.ledger.client.internal.Transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The ledger's client for runners: CI jobs, Flyway callbacks, scripts. Immutable and thread-safe; build one per
 * ledger and share it between threads.
 *
 * <p>Every request is retried on connection errors, {@code 429} and {@code 5xx} as its {@link RetryPolicy} says,
 * and never on another {@code 4xx}. An event is sent with the same eventId on every attempt, so one that reaches
 * the ledger twice is recorded once.
 */
public final class LedgerClient {

    private static final String EVENT_ID_CONFLICT = "event-id-conflict";
    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;

    private final Transport transport;
    private final ObjectMapper json = Json.newMapper();
    private final String actor;
    private final Runner runner;
    private final Clock clock;

    private LedgerClient(Builder builder) {
        this.transport = new Transport(
                builder.baseUrl, builder.connectTimeout, builder.requestTimeout, builder.retryPolicy);
        this.actor = builder.actor;
        this.runner = builder.runner;
        this.clock = builder.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Registers a migration's plan, or finds it registered: planning the same plan twice is safe.
     *
     * @return the migration's state
     * @throws PlanConflictException when the id is already planned with a different plan
     */
    public MigrationView plan(MigrationPlan plan) {
        Require.present(plan, "plan");
        Reply reply = exchange("POST", List.of("migrations"), write(plan, MigrationPlan.class), null);
        if (reply.successful()) {
            return read(reply, json.constructType(MigrationView.class));
        }
        Problem problem = Problem.read(reply.body(), json);
        if (reply.status() == CONFLICT) {
            throw new PlanConflictException(plan.id(), problem.explanation());
        }
        throw rejected(reply, problem);
    }

    /**
     * Posts one event as built, eventId included; {@link #forMigration(String)} builds them for you. Posting an
     * event again, unchanged, returns the original record.
     *
     * @return the event as the ledger recorded it
     * @throws GateRefusedException       when a gate is refused
     * @throws EventConflictException     when the eventId was used for a different event
     * @throws MigrationNotFoundException when the migration was never planned
     * @throws IllegalArgumentException   for an event only the ledger writes, such as {@code planned}
     */
    public RecordedEvent post(String migrationId, LedgerEvent event) {
        Require.text(migrationId, "migrationId");
        Require.present(event, "event");
        if (!event.postable()) {
            throw new IllegalArgumentException(event.type() + " events are written by the ledger, not posted");
        }
        Reply reply = exchange(
                "POST", List.of("migrations", migrationId, "events"), write(event, LedgerEvent.class), event);
        if (reply.successful()) {
            return read(reply, json.constructType(RecordedEvent.class));
        }
        Problem problem = Problem.read(reply.body(), json);
        if (reply.status() == NOT_FOUND) {
            throw new MigrationNotFoundException(migrationId, problem.explanation());
        }
        if (reply.status() == CONFLICT && problem.names(EVENT_ID_CONFLICT)) {
            throw new EventConflictException(migrationId, event.eventId(), problem.explanation());
        }
        if (reply.status() == CONFLICT && !problem.reasons().isEmpty()) {
            throw new GateRefusedException(migrationId, problem.refusal(reply.status()));
        }
        throw rejected(reply, problem);
    }

    /**
     * @return the migration's current state
     * @throws MigrationNotFoundException when the migration was never planned
     */
    public MigrationView migration(String migrationId) {
        Require.text(migrationId, "migrationId");
        return fetch(migrationId, List.of("migrations", migrationId), json.constructType(MigrationView.class));
    }

    /**
     * @return the migration's events in order, {@code planned} first
     * @throws MigrationNotFoundException when the migration was never planned
     */
    public List<RecordedEvent> events(String migrationId) {
        Require.text(migrationId, "migrationId");
        return fetch(migrationId, List.of("migrations", migrationId, "events"),
                json.getTypeFactory().constructCollectionType(List.class, RecordedEvent.class));
    }

    /** A handle that builds and posts one migration's events, stamped with this client's actor, runner and clock. */
    public MigrationHandle forMigration(String migrationId) {
        return new MigrationHandle(this, Require.text(migrationId, "migrationId"));
    }

    String actor() {
        return actor;
    }

    Runner runner() {
        return runner;
    }

    /**
     * Milliseconds are as precise as a runner's clock is honest, and the ledger compares a retried event with the
     * stored one; a precision that storage might round would turn a retry into a conflict.
     */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private <T> T fetch(String migrationId, List<String> path, JavaType type) {
        Reply reply = exchange("GET", path, null, null);
        if (reply.successful()) {
            return read(reply, type);
        }
        Problem problem = Problem.read(reply.body(), json);
        if (reply.status() == NOT_FOUND) {
            throw new MigrationNotFoundException(migrationId, problem.explanation());
        }
        throw rejected(reply, problem);
    }

    private Reply exchange(String method, List<String> path, byte[] body, LedgerEvent event) {
        try {
            return transport.exchange(method, path, body);
        } catch (RetriesExhausted e) {
            throw new LedgerUnavailableException(e.attempts(), e.lastStatus(), event, e.getCause());
        }
    }

    private LedgerException rejected(Reply reply, Problem problem) {
        if (reply.clientError()) {
            return new LedgerRejectedException(reply.status(), problem, reply.body());
        }
        return new LedgerException("unexpected answer " + reply.status() + " from the ledger");
    }

    private byte[] write(Object value, Class<?> as) {
        try {
            return json.writerFor(as).writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(as.getSimpleName() + " cannot be written as JSON", e);
        }
    }

    private <T> T read(Reply reply, JavaType type) {
        try {
            return json.readValue(reply.body(), type);
        } catch (JsonProcessingException e) {
            throw new LedgerException("the ledger answered " + reply.status()
                    + " with a body that is not a " + type.getRawClass().getSimpleName(), e);
        }
    }

    /** Settings for a {@link LedgerClient}; each is checked when set, and only {@code baseUrl} has no default. */
    public static final class Builder {

        private URI baseUrl;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private String actor = System.getProperty("user.name");
        private Runner runner;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The ledger's root, such as {@code https://ledger.example.com}; the client adds {@code /api/v1}. */
        public Builder baseUrl(String baseUrl) {
            Require.text(baseUrl, "baseUrl");
            try {
                return baseUrl(new URI(baseUrl.strip()));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("baseUrl is not a URL: " + baseUrl, e);
            }
        }

        /** The ledger's root, such as {@code https://ledger.example.com}; the client adds {@code /api/v1}. */
        public Builder baseUrl(URI baseUrl) {
            Require.present(baseUrl, "baseUrl");
            String scheme = baseUrl.getScheme();
            if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || baseUrl.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an absolute http or https URL, was " + baseUrl);
            }
            if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
                throw new IllegalArgumentException("baseUrl must not have a query or fragment, was " + baseUrl);
            }
            this.baseUrl = baseUrl;
            return this;
        }

        /** How long to wait for a connection; 5 seconds unless set. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Require.positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long one attempt may wait for its answer; 30 seconds unless set. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Require.positive(requestTimeout, "requestTimeout");
            return this;
        }

        /** {@link RetryPolicy#defaults()} unless set. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Require.present(retryPolicy, "retryPolicy");
            return this;
        }

        /** Who the events say acted, such as a CI job or a person; the OS user unless set, as Flyway's installedBy. */
        public Builder actor(String actor) {
            this.actor = Require.text(actor, "actor");
            return this;
        }

        /** The tool the events say posted them; none unless set. */
        public Builder runner(Runner runner) {
            this.runner = runner;
            return this;
        }

        /** The clock that stamps {@code occurredAt}; the system's, in UTC, unless set. */
        public Builder clock(Clock clock) {
            this.clock = Require.present(clock, "clock");
            return this;
        }

        public LedgerClient build() {
            Require.present(baseUrl, "baseUrl");
            if (actor == null || actor.isBlank()) {
                throw new IllegalArgumentException("actor is required: there is no OS user to default to");
            }
            return new LedgerClient(this);
        }
    }
}
