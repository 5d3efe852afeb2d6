package io.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.api.MigrationStatus;
import io.ledger.api.access.Role;
import io.ledger.api.access.TokenScope;
import io.ledger.api.event.PrecheckRecorded;
import io.ledger.api.view.MigrationView;
import io.ledger.api.view.PrecheckView;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.FlushResult;
import io.ledger.client.LedgerClient;
import io.ledger.client.internal.SpoolDirectory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing acknowledged or spooled is lost between runner and ledger, whatever fails during a burst: every such event
 * ends up in the ledger exactly once, each migration's events in the order they were made, and the read models agree.
 */
class DeliveryFaultIT {

    /** The issue's 10,000 events from 8 runners, scaled to what two cores post in well under a minute. */
    static final int EVENTS = 2_000;
    static final int RUNNERS = 8;
    static final int PER_RUNNER = EVENTS / RUNNERS;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** What runners call with while no ledger is up to issue them a token; whoever flushes their spools has one. */
    private static final String TOKEN_OF_A_LEDGER_DOWN = "mlg_issued-by-no-ledger-yet";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Path root = mkdirs(Path.of("target", "it-spool", run));

    @Test
    void serviceKilledWithSigkillDuringABurstLosesNothingAcknowledgedOrSpooled() throws Exception {
        Path data = root.resolve("data");
        Burst burst;
        try (ServiceProcess service = ServiceProcess.start(data)) {
            burst = Burst.start(this, "http://127.0.0.1:" + service.port(), TestTokens.ci(service.port()));
            await().atMost(Duration.ofSeconds(60)).until(() -> burst.acknowledged() >= EVENTS / 4 || burst.done());
            service.kill();
            burst.finish();
        }
        assertThat(burst.spooled()).as("events spooled while the service was dead").isPositive();

        try (ServiceProcess service = ServiceProcess.start(data)) {
            LedgerClient reader = Ledgers.client(service.port());
            burst.flushAll(service.port());
            burst.assertRecordedExactlyOnceInOrder(reader, service.port());
        }
    }

    @Test
    void serviceDownForTheWholeRunSpoolsEverythingAndDrainsOnceItIsUp() throws Exception {
        Burst burst = Burst.start(this, "http://127.0.0.1:" + closedPort(), TOKEN_OF_A_LEDGER_DOWN);
        burst.finish();
        assertThat(burst.acknowledged()).isZero();
        assertThat(burst.spooled()).isEqualTo(EVENTS);

        try (ServiceProcess service = ServiceProcess.start(root.resolve("data"))) {
            burst.flushAllWith(service.port(), TestTokens.ci(service.port()));
            burst.assertRecordedExactlyOnceInOrder(Ledgers.client(service.port()), service.port());
        }
    }

    @Test
    void runnerKilledMidBurstLeavesASpoolTheNextProcessDrains() throws Exception {
        String id = "runner-killed-" + run;
        String database = "db-" + run;
        Path spool = root.resolve("runner-spool");
        Path reported = root.resolve("runner.out");
        int count = 100_000;
        Process runner = java(reported, "-cp", System.getProperty("java.class.path"), SpoolingRunner.class.getName(),
                "http://127.0.0.1:" + closedPort(), TOKEN_OF_A_LEDGER_DOWN, spool.toString(), id, database,
                Integer.toString(count));
        await().atMost(Duration.ofSeconds(60)).until(() -> lines(reported).size() >= 300 || !runner.isAlive());
        runner.destroyForcibly();
        assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<UUID> spooled = lines(reported).stream().filter(line -> line.startsWith("S "))
                .map(line -> UUID.fromString(line.substring(2).strip())).toList();
        assertThat(spooled).hasSizeGreaterThanOrEqualTo(300);

        try (ServiceProcess service = ServiceProcess.start(root.resolve("data"))) {
            Path flushOut = root.resolve("flush.out");
            // The command-line tool as shipped: the client module's self-contained jar. The runner's token was never
            // this new ledger's, so its queue is named as the spool, which delivers it with the token given.
            Process flush = java(flushOut, "-jar", Path.of("..", "ledger-client", "target", "ledger.jar").toString(),
                    "flush", "--url", "http://127.0.0.1:" + service.port(), "--token", TestTokens.ci(service.port()),
                    "--spool", spool.resolve(SpoolDirectory.queueName(TOKEN_OF_A_LEDGER_DOWN)).toString());
            assertThat(flush.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(flush.exitValue()).as(Files.readString(flushOut)).isZero();

            List<RecordedEvent> events = Ledgers.client(service.port()).events(id);
            List<UUID> recorded = checks(events).stream().map(RecordedEvent::event).map(e -> e.eventId()).toList();
            assertThat(recorded).doesNotHaveDuplicates().containsAll(spooled);
            assertInOrder(events);
            assertThat(Files.readString(flushOut)).contains("delivered " + (recorded.size() + 1) + ", rejected 0, still spooled 0");
        }
    }

    @Test
    void postgresRestartedDuringABurstIsSurvivedWithoutRestartingTheService() throws Exception {
        Path data = root.resolve("data");
        try (ServiceProcess service = ServiceProcess.start(data)) {
            Burst burst = Burst.start(this, "http://127.0.0.1:" + service.port(), TestTokens.ci(service.port()));
            await().atMost(Duration.ofSeconds(60)).until(() -> burst.acknowledged() >= EVENTS / 4 || burst.done());
            // Created now, looked up first while PostgreSQL is down: the token's look-up fails before any controller.
            String unseen = TestTokens.issue(service.port(), "unseen-" + UUID.randomUUID().toString().substring(0, 8),
                    List.of(Role.RUNNER), TokenScope.EVERYTHING);
            Postgres postgres = Postgres.of(data);
            postgres.stop();
            HttpResponse<String> down = TestTokens.call(service.port(), "GET", "/api/v1/migrations/any", null, unseen);
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(down.body()).contains("urn:migration-ledger:problem:unavailable");
            // Signing checkpoints reads the database every second: while it is down, one line, not stack traces.
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(service.log())
                    .contains("A scheduled task could not reach the database"));
            assertThat(Files.readString(service.log())).doesNotContain("Unexpected error occurred in scheduled task");
            postgres.start();
            burst.finish();

            assertThat(service.alive()).isTrue();
            burst.flushAll(service.port());
            burst.assertRecordedExactlyOnceInOrder(Ledgers.client(service.port()), service.port());
        }
    }

    @Test
    void anOverloadedServiceShedsWritesWith503ProblemAndRetryAfter() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(root.resolve("data"),
                "--ledger.max-concurrent-writes=1", "--ledger.write-admission-timeout=1ms")) {
            String id = "overloaded-" + run;
            LedgerClient ledger = Ledgers.client(service.port());
            ledger.plan(SpoolingRunner.plan(id, "db-" + run));
            List<HttpResponse<String>> answers = IntStream.range(0, 48).parallel()
                    .mapToObj(n -> post(service.port(), id, n)).toList();

            assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201, 503).contains(201, 503);
            HttpResponse<String> shed = answers.stream().filter(answer -> answer.statusCode() == 503).findFirst()
                    .orElseThrow();
            assertThat(shed.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(shed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = JSON.readTree(shed.body());
            assertThat(problem.get("type").asText()).isEqualTo("urn:migration-ledger:problem:overloaded");
            assertThat(problem.get("status").asInt()).isEqualTo(503);
            long accepted = answers.stream().filter(answer -> answer.statusCode() == 201).count();
            assertThat(checks(ledger.events(id))).hasSize((int) accepted);
        }
    }

    /** Eight runner threads, each with its own migration and spool, as eight CI jobs on eight hosts. */
    private static final class Burst {

        private final DeliveryFaultIT test;
        /** The runners' token, which alone delivers what they spooled. */
        private final String token;
        private final String database;
        private final List<String> ids = new ArrayList<>();
        private final List<Path> spools = new ArrayList<>();
        private final Map<String, Set<UUID>> reported = new ConcurrentHashMap<>();
        private final AtomicInteger acknowledged = new AtomicInteger();
        private final AtomicInteger spooled = new AtomicInteger();
        private final ExecutorService runners = Executors.newFixedThreadPool(RUNNERS);
        private final List<Future<?>> done = new ArrayList<>();

        private Burst(DeliveryFaultIT test, String token) {
            this.test = test;
            this.token = token;
            this.database = "db-" + test.run;
        }

        static Burst start(DeliveryFaultIT test, String url, String token) {
            Burst burst = new Burst(test, token);
            CountDownLatch ready = new CountDownLatch(RUNNERS);
            for (int r = 0; r < RUNNERS; r++) {
                String id = "burst-" + test.run + "-" + r;
                Path spool = test.root.resolve("spool-" + r);
                burst.ids.add(id);
                burst.spools.add(spool);
                burst.reported.put(id, ConcurrentHashMap.newKeySet());
                burst.done.add(burst.runners.submit(() -> {
                    ready.countDown();
                    try (LedgerClient ledger = SpoolingRunner.client(url, token, spool)) {
                        SpoolingRunner.run(ledger, id, burst.database, PER_RUNNER, (fate, eventId) -> {
                            burst.reported.get(id).add(eventId);
                            (fate.equals("A") ? burst.acknowledged : burst.spooled).incrementAndGet();
                        });
                    }
                    return null;
                }));
            }
            return burst;
        }

        int acknowledged() {
            return acknowledged.get();
        }

        int spooled() {
            return spooled.get();
        }

        boolean done() {
            return done.stream().allMatch(Future::isDone);
        }

        void finish() throws Exception {
            for (Future<?> runner : done) {
                runner.get(120, TimeUnit.SECONDS);
            }
            runners.shutdown();
            assertThat(acknowledged() + spooled()).isEqualTo(EVENTS);
        }

        /** Each runner's spool drained by a new client, as the next process on each host would, all at once. */
        void flushAll(int port) throws Exception {
            flushAll(port, token, spool -> spool);
        }

        /**
         * Each runner's requests delivered with another token, as an operator delivers those of a token the ledger
         * does not know: naming the token's queue as the spool.
         */
        void flushAllWith(int port, String other) throws Exception {
            flushAll(port, other, spool -> spool.resolve(SpoolDirectory.queueName(token)));
        }

        private void flushAll(int port, String with, UnaryOperator<Path> queue) throws Exception {
            ExecutorService flushers = Executors.newFixedThreadPool(RUNNERS);
            try {
                List<Future<FlushResult>> results = new ArrayList<>();
                for (Path spool : spools) {
                    results.add(flushers.submit(() -> {
                        try (LedgerClient ledger = SpoolingRunner.client("http://127.0.0.1:" + port, with,
                                queue.apply(spool))) {
                            return ledger.flush();
                        }
                    }));
                }
                for (Future<FlushResult> result : results) {
                    FlushResult flushed = result.get(120, TimeUnit.SECONDS);
                    assertThat(flushed.rejected()).isEmpty();
                    assertThat(flushed.pending()).isZero();
                }
            } finally {
                flushers.shutdownNow();
            }
        }

        void assertRecordedExactlyOnceInOrder(LedgerClient reader, int port) throws Exception {
            for (String id : ids) {
                List<RecordedEvent> events = reader.events(id);
                List<UUID> recorded = checks(events).stream().map(e -> e.event().eventId()).toList();
                assertThat(recorded).as(id).doesNotHaveDuplicates().hasSize(PER_RUNNER)
                        .containsExactlyInAnyOrderElementsOf(reported.get(id));
                assertInOrder(events);
                MigrationView state = reader.migration(id);
                assertThat(state.status()).isEqualTo(MigrationStatus.PRECHECKED);
                assertThat(state.lastSequence()).isEqualTo(events.get(events.size() - 1).sequence());
                assertThat(state.prechecks()).extracting(PrecheckView::check, PrecheckView::evidence)
                        .contains(org.assertj.core.groups.Tuple.tuple("load", "n=" + (PER_RUNNER - 2)));
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode page = JSON.readTree(HTTP.send(TestTokens.authorized(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/api/v1/history?limit=50&database=" + database)), port).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                List<String> statuses = new ArrayList<>();
                page.get("items").forEach(row -> statuses.add(row.get("status").asText()));
                assertThat(statuses).hasSize(RUNNERS).containsOnly("prechecked");
            });
        }
    }

    /** The embedded PostgreSQL of a service's data directory, stopped and started on its own port behind its back. */
    private record Postgres(Path cluster, Path bin, int port) {

        static Postgres of(Path data) throws IOException {
            Path cluster = data.toAbsolutePath().resolve("postgres");
            List<String> pid = Files.readAllLines(cluster.resolve("postmaster.pid"));
            String postgres = ProcessHandle.of(Long.parseLong(pid.get(0).strip())).orElseThrow().info().command()
                    .orElseThrow();
            return new Postgres(cluster, Path.of(postgres).getParent(), Integer.parseInt(pid.get(3).strip()));
        }

        void stop() throws Exception {
            pgCtl("stop", "-m", "fast", "-w", "-t", "30");
        }

        void start() throws Exception {
            pgCtl("-l", cluster.resolveSibling("postgres.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''", "start");
        }

        private void pgCtl(String... arguments) throws Exception {
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("unshare", "--user", "--map-user=65534", "--map-group=65534"));
            }
            command.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", cluster.toString()));
            command.addAll(List.of(arguments));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(cluster.resolveSibling("pg_ctl.out").toFile()))
                    .start();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("pg_ctl " + String.join(" ", arguments)).isZero();
        }
    }

    private static List<RecordedEvent> checks(List<RecordedEvent> events) {
        return events.stream().filter(recorded -> recorded.event() instanceof PrecheckRecorded).toList();
    }

    /** The runner numbered its pre-checks n=0, n=1...: the ledger must hold them in that order. */
    private static void assertInOrder(List<RecordedEvent> events) {
        List<Integer> numbers = checks(events).stream()
                .map(recorded -> Integer.parseInt(((PrecheckRecorded) recorded.event()).evidence().substring(2)))
                .toList();
        assertThat(numbers).isSorted().doesNotHaveDuplicates();
    }

    private HttpResponse<String> post(int port, String id, int n) {
        String event = """
                {"eventId": "%s", "type": "precheck-recorded", "occurredAt": "%s", "actor": "ci-runner",
                 "check": "load", "status": "passed", "evidence": "n=%d"}
                """.formatted(UUID.randomUUID(), Instant.now(), n);
        try {
            return HTTP.send(TestTokens.authorized(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/migrations/" + id + "/events")), port).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Process java(Path output, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m"));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path mkdirs(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
