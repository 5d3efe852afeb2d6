package io.ledger.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.api.MigrationPlan;
import io.ledger.api.Runner;
import io.ledger.api.access.IssuedToken;
import io.ledger.api.access.TokenRequest;
import io.ledger.api.access.TokenView;
import io.ledger.api.event.Gate;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.integrity.Checkpoint;
import io.ledger.api.integrity.CheckpointKey;
import io.ledger.api.integrity.Verification;
import io.ledger.api.view.MigrationView;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.internal.Json;
import io.ledger.client.internal.Reply;
import io.ledger.client.internal.RetriesExhausted;
import io.ledger.client.internal.Spool;
import io.ledger.client.internal.SpoolDirectory;
import io.ledger.client.internal.Transport;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The ledger's client for runners: CI jobs, Flyway callbacks, scripts. Immutable and thread-safe; build one per
 * ledger and share it between threads.
 *
 * <p>Every request is retried on connection errors, {@code 429} and {@code 5xx} as its {@link RetryPolicy} says,
 * and never on another {@code 4xx}. An event is sent with the same eventId on every attempt, so one that reaches
 * the ledger twice is recorded once.
 *
 * <p>With a {@linkplain Builder#spool(Path) spool}, a request the ledger did not acknowledge through every attempt
 * is kept on disk and delivered later, in order; the call then throws {@link SpooledException}, so that a caller
 * always knows whether the ledger recorded it. Close the client to stop its background flusher, if it has one.
 */
public final class LedgerClient implements AutoCloseable {

    private static final String EVENT_ID_CONFLICT = "event-id-conflict";
    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;

    /** After a replay found the ledger unavailable, calls leave the spool alone this long before trying again. */
    private static final Duration REPLAY_PAUSE = Duration.ofSeconds(1);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final Transport transport;
    /**
     * One attempt only: for replays on the way (by a call or the background flusher), where the spool is the retry,
     * and for creating a token.
     */
    private final Transport replayTransport;
    private final ObjectMapper json = Json.newMapper();
    private final String actor;
    private final Runner runner;
    private final Clock clock;
    private final SpoolDirectory spool;
    private final ScheduledExecutorService flusher;
    private volatile long nextReplayNanos = System.nanoTime();
    /** Why the latest replay on the way left requests in the spool, such as a token the ledger refused; or null. */
    private volatile String replayStopped;
    /** What the ledger refused of each migration's spooled requests when they were delivered on the way, untold. */
    private final Map<String, List<FlushResult.RejectedRequest>> untoldRefusals = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private LedgerClient(Builder builder) {
        this.transport = new Transport(builder.baseUrl, builder.token, builder.connectTimeout,
                builder.requestTimeout, builder.retryPolicy);
        this.replayTransport = new Transport(builder.baseUrl, builder.token, builder.connectTimeout,
                builder.requestTimeout, RetryPolicy.none());
        this.actor = builder.actor;
        this.runner = builder.runner;
        this.clock = builder.clock;
        try {
            this.spool = builder.spool == null ? null
                    : new SpoolDirectory(builder.spool, builder.token, builder.spoolCapacityBytes);
            if (spool != null && !java.nio.file.Files.isWritable(spool.queue())) {
                throw new IllegalArgumentException("spool directory is not writable: " + spool.queue());
            }
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("spool: " + e.getMessage(), e);
        }
        if (builder.flushEvery != null) {
            this.flusher = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "ledger-spool-flusher");
                thread.setDaemon(true);
                return thread;
            });
            long millis = builder.flushEvery.toMillis();
            flusher.scheduleWithFixedDelay(this::replayInBackground, millis, millis, TimeUnit.MILLISECONDS);
        } else {
            this.flusher = null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Registers a migration's plan, or finds it registered: planning the same plan twice is safe.
     *
     * @return the migration's state
     * @throws PlanConflictException when the id is already planned with a different plan
     * @throws SpooledException       with a spool, when the plan was not acknowledged but is safe in the spool
     */
    public MigrationView plan(MigrationPlan plan) {
        Require.present(plan, "plan");
        // Stamped now, as every event is, so that a plan spooled and delivered later is recorded when it was made.
        byte[] body = write(plan.plannedAt() != null ? plan : plan.withPlannedAt(now()), MigrationPlan.class);
        Reply reply = exchangeOrSpool(Spool.Kind.PLAN, plan.id(), List.of("migrations"), body, null);
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
     * @throws SpooledException           with a spool, when a fact was not acknowledged but is safe in the spool
     * @throws SpoolFullException         with a spool, when it was not acknowledged and the spool had no room
     * @throws LedgerUnavailableException when it was not acknowledged and not spooled: without a spool, or for a
     *                                    gate, whose answer matters now or not at all
     */
    public RecordedEvent post(String migrationId, LedgerEvent event) {
        Require.text(migrationId, "migrationId");
        Require.present(event, "event");
        if (!event.postable()) {
            throw new IllegalArgumentException(event.type() + " events are written by the ledger, not posted");
        }
        Reply reply = exchangeOrSpool(Spool.Kind.EVENT, migrationId, List.of("migrations", migrationId, "events"),
                write(event, LedgerEvent.class), event);
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

    /**
     * Creates a token; needs an admin's token. The answer holds the new token's secret, which the ledger never shows
     * again.
     *
     * @throws LedgerRejectedException for a request the ledger refuses: {@code 400} naming the field at fault,
     *                                 {@code 403} without the admin role, {@code 409} for a name in use
     */
    public IssuedToken createToken(TokenRequest request) {
        Require.present(request, "request");
        Reply reply;
        try {
            // One attempt: a retry of a creation whose answer was lost would find the name taken, and the secret
            // of the token created is in that lost answer only.
            reply = replayTransport.exchange("POST", List.of("admin", "tokens"), write(request, TokenRequest.class));
        } catch (RetriesExhausted e) {
            throw new LedgerUnavailableException(e.attempts(), e.lastStatus(), null, e.getCause());
        }
        return answer(reply, json.constructType(IssuedToken.class));
    }

    /** Every token, revoked and expired ones included, without secrets; needs an admin's token. */
    public List<TokenView> tokens() {
        Reply reply = exchange("GET", List.of("admin", "tokens"), Map.of(), null);
        return answer(reply, json.getTypeFactory().constructCollectionType(List.class, TokenView.class));
    }

    /**
     * Revokes a token at once (other instances of the ledger stop accepting it within seconds); needs an admin's
     * token. Revoking a revoked token changes nothing.
     *
     * @return the token as revoked
     * @throws LedgerRejectedException {@code 404} for an unknown name, {@code 409} for the last working admin token
     */
    public TokenView revokeToken(String name) {
        Require.text(name, "name");
        Reply reply = exchange("DELETE", List.of("admin", "tokens", name), Map.of(), null);
        return answer(reply, json.constructType(TokenView.class));
    }

    /**
     * Recomputes the whole ledger's evidence: its chains and its checkpoints' signatures (docs/security.md). Broken
     * evidence is an answer, not an exception: see {@link Verification#ok()} and {@link Verification#firstBroken()}.
     * A large ledger takes a while; give the client a {@link Builder#requestTimeout(Duration)} to match.
     */
    public Verification verify() {
        return verified(exchange("GET", List.of("ledger", "verify"), Map.of(), null), null);
    }

    /**
     * Recomputes one migration's evidence: its events and their entries in the ledger-wide chain.
     *
     * @throws MigrationNotFoundException when the ledger never held the migration
     */
    public Verification verify(String migrationId) {
        Require.text(migrationId, "migrationId");
        return verified(exchange("GET", List.of("ledger", "verify"), Map.of("migrationId", migrationId), null),
                migrationId);
    }

    /**
     * Recomputes the whole ledger's evidence, and checks that a checkpoint kept outside the ledger still matches
     * its chain: then nothing the checkpoint covers has changed since it was signed.
     */
    public Verification verify(Checkpoint stored) {
        Require.present(stored, "stored");
        return verified(exchange("POST", List.of("ledger", "verify"), Map.of(), write(stored, Checkpoint.class)),
                null);
    }

    /** Signed checkpoints, oldest first, after the one of {@code after} events (0 for the first); at most {@code limit}. */
    public List<Checkpoint> checkpoints(long after, int limit) {
        Reply reply = exchange("GET", List.of("ledger", "checkpoints"),
                Map.of("after", Long.toString(after), "limit", Integer.toString(limit)), null);
        if (!reply.successful()) {
            throw rejected(reply, Problem.read(reply.body(), json));
        }
        return read(reply, json.getTypeFactory().constructCollectionType(List.class, Checkpoint.class));
    }

    /** The newest signed checkpoint: the one to keep outside the ledger. Empty before the ledger signed any. */
    public Optional<Checkpoint> latestCheckpoint() {
        Reply reply = exchange("GET", List.of("ledger", "checkpoints", "latest"), Map.of(), null);
        if (reply.status() == NOT_FOUND) {
            return Optional.empty();
        }
        if (!reply.successful()) {
            throw rejected(reply, Problem.read(reply.body(), json));
        }
        return Optional.of(read(reply, json.constructType(Checkpoint.class)));
    }

    /** The public key the ledger signs checkpoints with now. Keep a copy obtained out of band to trust it. */
    public CheckpointKey checkpointKey() {
        Reply reply = exchange("GET", List.of("ledger", "public-key"), Map.of(), null);
        if (!reply.successful()) {
            throw rejected(reply, Problem.read(reply.body(), json));
        }
        return read(reply, json.constructType(CheckpointKey.class));
    }

    /**
     * Delivers what the spool holds, in order, retrying as the {@link RetryPolicy} says; waits for another flusher
     * (in this or another process) to finish first. Requests the ledger refuses for good are filed in the spool's
     * {@code rejected.log} and listed in the result; delivery stops at the first that finds the ledger unavailable.
     *
     * @throws IllegalStateException when the client has no spool
     */
    public FlushResult flush() {
        if (spool == null) {
            throw new IllegalStateException("this client has no spool to flush");
        }
        try {
            return result(spool.drain((entry, tokenBound) -> deliver(transport, entry, tokenBound), true),
                    spool.pendingWithOtherTokens());
        } catch (UncheckedIOException unusable) {
            throw new SpoolFailedException(spool.queue(), unusable);
        }
    }

    /** Stops the background flusher, if any; what remains spooled stays for the next client. */
    @Override
    public void close() {
        if (flusher != null) {
            closed = true;
            // No interrupt: an interrupted thread closes the FileChannel it is using. The round under way stops after
            // the request in flight, whose answer is waited for a while so that its record is settled.
            flusher.shutdown();
            try {
                flusher.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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

    private Verification verified(Reply reply, String migrationId) {
        if (reply.successful()) {
            return read(reply, json.constructType(Verification.class));
        }
        Problem problem = Problem.read(reply.body(), json);
        if (reply.status() == NOT_FOUND && migrationId != null) {
            throw new MigrationNotFoundException(migrationId, problem.explanation());
        }
        throw rejected(reply, problem);
    }

    /** A runner reading back its migration expects to see what it spooled, so what the spool holds goes first. */
    private <T> T fetch(String migrationId, List<String> path, JavaType type) {
        if (spool != null && spool.mayHoldAnything()) {
            replay();
        }
        Reply reply = exchange("GET", path, Map.of(), null);
        if (reply.successful()) {
            return read(reply, type);
        }
        Problem problem = Problem.read(reply.body(), json);
        if (reply.status() == NOT_FOUND) {
            throw new MigrationNotFoundException(migrationId, problem.explanation());
        }
        throw rejected(reply, problem);
    }

    /**
     * A request of a migration with requests in the spool goes behind them, so that the ledger sees a migration's
     * requests in the order they were made. A gate is never spooled: it asks permission now.
     */
    private Reply exchangeOrSpool(Spool.Kind kind, String migrationId, List<String> path, byte[] body,
            LedgerEvent event) {
        boolean spoolable = spool != null && !(event instanceof Gate);
        if (spool != null) {
            if (spool.mayHoldAnything()) {
                replay();
            }
            tellRefusals(migrationId);
            String waiting = waiting(migrationId);
            if (waiting != null) {
                if (!spoolable) {
                    throw new LedgerUnavailableException(0, null, event,
                            new IllegalStateException(waiting + " and must reach the ledger before this gate"));
                }
                throw spooled(kind, migrationId, body, event, new IllegalStateException(
                        waiting + ": this request was spooled behind them"));
            }
            requireNoneWithAnotherToken(migrationId, event);
        }
        Reply reply;
        try {
            reply = transport.exchange("POST", path, body);
        } catch (RetriesExhausted e) {
            LedgerUnavailableException unavailable =
                    new LedgerUnavailableException(e.attempts(), e.lastStatus(), event, e.getCause());
            if (!spoolable) {
                throw unavailable;
            }
            throw spooled(kind, migrationId, body, event, unavailable);
        }
        // A proxy's page or a redirect says nothing of the request: kept for the ledger when there is a spool.
        Optional<String> foreign = Answers.foreign(reply, kind, migrationId, json);
        if (foreign.isPresent()) {
            LedgerException notRecorded = new LedgerException(foreign.get() + " The " + kind.name().toLowerCase()
                    + " may not have been recorded.");
            throw spoolable ? spooled(kind, migrationId, body, event, notRecorded) : notRecorded;
        }
        return reply;
    }

    /**
     * Why requests of this migration wait in the queues this client delivers, when they do; why their delivery
     * stopped (such as a token the ledger refuses) is the caller's to know.
     */
    private String waiting(String migrationId) {
        try {
            if (spool.mayHoldAnything() && spool.holds(migrationId)) {
                String stopped = replayStopped;
                return "requests of " + migrationId + " wait in the spool " + spool.queue()
                        + (stopped == null ? "" : " (delivery stopped: " + stopped + ")");
            }
            return null;
        } catch (UncheckedIOException unusable) {
            throw new SpoolFailedException(spool.queue(), unusable);
        }
    }

    /**
     * Requests of the migration that another token spooled go first, and only that token delivers them: this one is
     * neither sent nor spooled behind them, since two queues that each waited for the other would wait for ever.
     */
    private void requireNoneWithAnotherToken(String migrationId, LedgerEvent event) {
        Optional<Path> queue;
        try {
            queue = spool.heldByAnotherToken(migrationId);
        } catch (UncheckedIOException unusable) {
            throw new SpoolFailedException(spool.queue(), unusable);
        }
        if (queue.isPresent()) {
            throw new LedgerUnavailableException(0, null, event, new IllegalStateException("requests of "
                    + migrationId + " spooled with another token wait in " + queue.get() + " and must reach the "
                    + "ledger first (ledger flush with that token delivers them); this request was neither sent nor "
                    + "spooled"));
        }
    }

    /**
     * A runner whose spooled requests the ledger refused when they were delivered on the way learns it at its next
     * request of that migration, as it would have at once had the ledger been up: that request is not sent.
     */
    private void tellRefusals(String migrationId) {
        List<FlushResult.RejectedRequest> refused = untoldRefusals.remove(migrationId);
        if (refused != null) {
            throw new SpoolRefusedException(migrationId, refused, refused.stream().map(request -> request.kind() + " "
                    + request.status() + ": " + Optional.ofNullable(Problem.read(request.problem(), json).explanation())
                    .orElse(request.problem())).toList(), spool.queue());
        }
    }

    private LedgerException spooled(Spool.Kind kind, String migrationId, byte[] body, LedgerEvent event,
            Throwable cause) {
        boolean appended;
        // An interrupted thread closes any FileChannel it uses, so the append would fail: a call interrupted while it
        // waited to retry is spooled as one whose retries ran out, and the thread is interrupted again afterwards.
        boolean interrupted = Thread.interrupted();
        try {
            appended = spool.append(new Spool.Entry(kind, migrationId, body));
        } catch (UncheckedIOException diskFailed) {
            // Neither recorded nor spooled, and the disk's failure (no space left on device) is the one to fix.
            SpoolFailedException failed = new SpoolFailedException(spool.queue(), diskFailed);
            if (cause != null) {
                failed.addSuppressed(cause);
            }
            return failed;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (!appended) {
            return new SpoolFullException(spool.queue(), spool.capacityBytes(), cause);
        }
        return new SpooledException(migrationId, event, spool.queue(), cause);
    }

    /**
     * A replay on the way: one attempt a request, none while another flusher works or soon after a failed one. A spool
     * that cannot be used stops the call: without it the client cannot tell what must go first.
     */
    private void replay() {
        if (System.nanoTime() - nextReplayNanos < 0) {
            return;
        }
        Spool.Drained drained;
        try {
            drained = spool.drain((entry, tokenBound) -> deliver(replayTransport, entry, tokenBound), false);
        } catch (UncheckedIOException unusable) {
            throw new SpoolFailedException(spool.queue(), unusable);
        }
        keepUntold(drained);
        if (!drained.busy() && drained.pending() > 0) {
            nextReplayNanos = System.nanoTime() + REPLAY_PAUSE.toNanos();
        }
        if (!drained.busy()) {
            replayStopped = drained.pending() > 0 ? drained.stopped() : null;
        }
    }

    private void keepUntold(Spool.Drained drained) {
        result(drained, Map.of()).rejected().forEach(refused -> untoldRefusals
                .computeIfAbsent(refused.migrationId(), id -> new CopyOnWriteArrayList<>())
                .add(refused));
    }

    private void replayInBackground() {
        if (!spool.mayHoldAnything()) {
            return;
        }
        try {
            keepUntold(spool.drain((entry, tokenBound) -> closed
                    ? new Spool.Outcome.Unavailable("the client was closed")
                    : deliver(replayTransport, entry, tokenBound), false));
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; the next round may find the disk or ledger better.
            System.getLogger(LedgerClient.class.getName()).log(System.Logger.Level.WARNING, "spool flush failed", e);
        }
    }

    /** @param tokenBound whether only this token may deliver the entry, so that a {@code 403} refuses it for good */
    private Spool.Outcome deliver(Transport via, Spool.Entry entry, boolean tokenBound) {
        List<String> path = entry.kind() == Spool.Kind.PLAN
                ? List.of("migrations")
                : List.of("migrations", entry.migrationId(), "events");
        try {
            return Answers.outcome(entry, via.exchange("POST", path, entry.body()), json, tokenBound);
        } catch (RetriesExhausted e) {
            return new Spool.Outcome.Unavailable(
                    LedgerUnavailableException.message(e.attempts(), e.lastStatus(), e.getCause()));
        }
    }

    private static FlushResult result(Spool.Drained drained, Map<Path, Integer> otherTokens) {
        return new FlushResult(drained.delivered(), drained.rejected().stream()
                .map(refused -> new FlushResult.RejectedRequest(refused.entry().kind().name().toLowerCase(),
                        refused.entry().migrationId(), refused.status(),
                        new String(refused.entry().body(), StandardCharsets.UTF_8), refused.problem()))
                .toList(), drained.damaged(), drained.pending(), drained.stopped(), otherTokens);
    }

    private Reply exchange(String method, List<String> path, Map<String, String> query, byte[] body) {
        try {
            return transport.exchange(method, path, query, body);
        } catch (RetriesExhausted e) {
            throw new LedgerUnavailableException(e.attempts(), e.lastStatus(), null, e.getCause());
        }
    }

    private <T> T answer(Reply reply, JavaType type) {
        if (reply.successful()) {
            return read(reply, type);
        }
        throw rejected(reply, Problem.read(reply.body(), json));
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

    /** Settings for a {@link LedgerClient}; each is checked when set, and only {@code baseUrl} and {@code token} have no default. */
    public static final class Builder {

        private static final int MAX_PORT = 65_535;
        private static final String API_PATH = "/api/v1";

        private URI baseUrl;
        private String token;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private String actor = System.getProperty("user.name");
        private Runner runner;
        private Clock clock = Clock.systemUTC();
        private Path spool;
        private long spoolCapacityBytes = 64L * 1024 * 1024;
        private Duration flushEvery;

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
            if (baseUrl.getRawUserInfo() != null) {
                // Not echoed: it may hold a password.
                throw new IllegalArgumentException("baseUrl must not carry a user or password (user@host): the "
                        + "ledger knows callers by their token only");
            }
            if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
                throw new IllegalArgumentException("baseUrl must not have a query or fragment, was " + baseUrl);
            }
            // Else the first call fails with a bare IllegalArgumentException, which is neither recorded nor spooled.
            if (baseUrl.getPort() == 0 || baseUrl.getPort() > MAX_PORT) {
                throw new IllegalArgumentException("baseUrl must have a port from 1 to " + MAX_PORT + ", was "
                        + baseUrl);
            }
            // docs/api.md's "base path /api/v1" invites it, and the ledger would answer 404 or 403 for
            // /api/v1/api/v1/..., which reads as the token's fault.
            String root = baseUrl.toString().replaceAll("/+$", "");
            if (root.endsWith(API_PATH)) {
                throw new IllegalArgumentException("baseUrl is the ledger's root URL, without " + API_PATH
                        + " (the client adds it): use " + root.substring(0, root.length() - API_PATH.length())
                        + ", was " + baseUrl);
            }
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * The bearer token the ledger gave this runner (an admin creates one with {@code ledger token create});
         * required. Its name is recorded as the principal of every event the client posts.
         */
        public Builder token(String token) {
            Require.text(token, "token");
            if (token.strip().chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                throw new IllegalArgumentException("token must be one word without spaces or control characters");
            }
            this.token = token.strip();
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

        /**
         * A directory for requests the ledger did not acknowledge, to deliver later; none unless set. Several
         * clients and processes may share one. See {@link SpooledException}.
         */
        public Builder spool(Path directory) {
            this.spool = Require.present(directory, "spool");
            return this;
        }

        /** How many bytes the spool may hold before {@link SpoolFullException}; 64 MiB unless set. */
        public Builder spoolCapacity(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("spoolCapacity must be positive, was " + bytes);
            }
            this.spoolCapacityBytes = bytes;
            return this;
        }

        /**
         * Delivers the spool from a daemon thread every {@code interval}, until the client is closed; off unless
         * set. Without it the spool is delivered by later calls, {@link LedgerClient#flush()} or {@code ledger flush}.
         */
        public Builder backgroundFlush(Duration interval) {
            // The flusher is scheduled in whole milliseconds.
            if (Require.positive(interval, "backgroundFlush").compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("backgroundFlush must be at least 1 ms, was " + interval);
            }
            this.flushEvery = interval;
            return this;
        }

        public LedgerClient build() {
            Require.present(baseUrl, "baseUrl");
            if (token == null) {
                throw new IllegalArgumentException("token is required: the ledger answers every call without one "
                        + "with 401; an admin creates tokens with 'ledger token create'");
            }
            if (flushEvery != null && spool == null) {
                throw new IllegalArgumentException("backgroundFlush needs a spool");
            }
            if (actor == null || actor.isBlank()) {
                throw new IllegalArgumentException("actor is required: there is no OS user to default to");
            }
            return new LedgerClient(this);
        }
    }
}
