package io.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStep;
import io.ledger.api.Phase;
import io.ledger.api.Runner;
import io.ledger.api.Severity;
import io.ledger.api.access.Role;
import io.ledger.api.access.TokenRequest;
import io.ledger.api.access.TokenScope;
import io.ledger.client.LedgerClient;
import io.ledger.client.MigrationHandle;
import io.ledger.client.RetryPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A benchmark harness, not a test: it prints figures and asserts nothing, so it never runs in the build.
 *
 * <p>It starts the packaged service with {@value #HEAP} of heap on a fresh embedded PostgreSQL (or uses a running
 * ledger given by {@code --url}), then for each concurrency level drives the ledger through one shared
 * {@link LedgerClient} with that many runners, and right after measures the raw durable single-row insert rate into
 * a table shaped like Axon's {@code domainevententry} on the same PostgreSQL. Measuring both level by level in the
 * same run keeps their ratio meaningful on a machine that other work makes noisy. docs/benchmarks.md describes the
 * method and records results; {@code bench/run} builds and runs this class.
 */
public final class LedgerBenchmark {

    static final String HEAP = "512m";
    static final long HEAP_LIMIT_BYTES = 512L << 20;
    static final double RATIO_TARGET = 0.6;
    static final double P99_TARGET_MS = 50;
    static final int TARGET_RUNNERS = 32;

    private static final String RAW_TABLE = "bench_raw_insert";
    private static final Duration READINESS_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(10);
    /** Priming until the JIT settles goes in rounds of this many seconds, at least two of them. */
    private static final int PRIME_ROUND_SECONDS = 30;
    private static final int PRIME_MAX_SECONDS = 600;
    /** A round in which each JVM compiled for less than this, about 3 % of one core, finds its JIT settled. */
    private static final long SETTLED_COMPILATION_MS = 1000;
    private static final int FALLBACK_PAYLOAD_BYTES = 400;

    private static final String USAGE = """
            usage: bench/run [options]

            Starts ledger-service's jar with -Xmx512m and the parallel collector on a fresh embedded PostgreSQL,
            drives it through ledger-client with each number of concurrent runners, and after each level measures
            the raw durable single-row insert rate into a table shaped like domainevententry on the same PostgreSQL.

              --runners LIST      concurrency levels, comma-separated                (default 1,8,32)
              --prime SECONDS     unmeasured ledger load at the largest level before the first, so
                                  that the JIT has compiled the hot paths first; auto: in 30 s rounds
                                  until the service's and this JVM's compilers are nearly idle
                                  (at least 60 s, at most 600 s)                     (default auto)
              --warmup SECONDS    unmeasured load before each measurement            (default 5)
              --duration SECONDS  measured load per level, for the ledger and raw     (default 20)
              --phases N          phases per benchmark migration                     (default 20)
              --jar PATH          the service jar to start
                                  (default ledger-service/target/ledger-service-0.1.0-SNAPSHOT.jar)
              --keep-data         keep the started service's data directory and log
              --url URL           bench a ledger that is already running instead, which also needs
              --admin-token TOKEN   an admin's token (default $LEDGER_TOKEN), to create the runners' token, and
              --data-dir DIR        its LEDGER_DATA_DIR when it runs on the embedded PostgreSQL, or
              --db-url JDBC_URL     its PostgreSQL, with --db-user and --db-password
              --help              print this and exit
            """;

    private final Options options;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** Numbers the loads of this run, so that no two loads share a migration or an aggregate id. */
    private int loads;

    private LedgerBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            System.err.println("ledger-benchmark: " + e.getMessage());
            System.err.println("Run with --help for the options.");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(USAGE);
            return;
        }
        try {
            new LedgerBenchmark(options).run();
        } catch (BenchmarkFailed e) {
            System.err.println("ledger-benchmark: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run() {
        Machine.describe().print();
        Path work = null;
        Service service = null;
        try {
            Target target;
            if (options.url() == null) {
                work = Files.createTempDirectory("ledger-bench-");
                service = Service.start(options.jar(), work);
                target = service.target();
            } else {
                target = new Target(options.url(), options.database().orElseThrow(), options.adminToken());
            }
            bench(target, service);
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot create a working directory: " + e.getMessage());
        } finally {
            if (service != null) {
                service.stop();
            }
            if (work != null) {
                if (options.keepData()) {
                    System.out.println("Kept the service's data and log in " + work);
                } else {
                    deleteRecursively(work);
                }
            }
        }
    }

    private void bench(Target target, Service service) {
        String runnerToken;
        try (LedgerClient admin = LedgerClient.builder().baseUrl(target.url()).token(target.adminToken()).build()) {
            runnerToken = admin.createToken(new TokenRequest("bench-" + run, List.of(Role.RUNNER),
                    TokenScope.EVERYTHING, Instant.now().plus(Duration.ofDays(1)))).token();
        }
        LedgerClient client = LedgerClient.builder()
                .baseUrl(target.url())
                .token(runnerToken)
                .actor("bench-runner")
                .runner(new Runner("ledger-benchmark", "0.1.0", Machine.hostName()))
                // A failure must show as a failure, not as a slow call that a retry hid.
                .retryPolicy(RetryPolicy.none())
                .build();
        List<Level> levels = new ArrayList<>();
        try (Database database = Database.connect(target.database());
                ServiceMetrics metrics = ServiceMetrics.poll(target.url(), target.adminToken())) {
            CostMeter costs = new CostMeter(metrics, target.database().dataDir());
            System.out.printf("PostgreSQL %s, synchronous_commit=%s, fsync=%s, wal_sync_method=%s%n",
                    database.setting("server_version"), database.setting("synchronous_commit"),
                    database.setting("fsync"), database.setting("wal_sync_method"));
            System.out.printf("Service: %s, heap max %s%n", service == null ? target.url() + " (already running)"
                            : "pid " + service.pid() + " on " + target.url() + ", -Xmx" + HEAP,
                    metrics.heapMax().stream().mapToObj(LedgerBenchmark::mib).findFirst().orElse("n/a"));
            System.out.printf("Per level and load: %d s warm-up, then %d s measured; %d phases per migration; "
                    + "run %s%n%n", options.warmupSeconds(), options.durationSeconds(), options.phases(), run);
            database.createRawTable();
            try {
                prime(client, options.runners().stream().mapToInt(Integer::intValue).max().orElseThrow(), metrics,
                        costs, database);
                for (int runners : options.runners()) {
                    System.out.printf("%d runner%s%n", runners, runners == 1 ? "" : "s");
                    Window window = new Window(options.warmupSeconds(), options.durationSeconds());
                    OptionalDouble batchesBefore = metrics.metric("ledger.writes.batch", "COUNT");
                    OptionalDouble commandsBefore = metrics.metric("ledger.writes.batch", "TOTAL");
                    Load ledger = ledgerLoad(client, runners, window, metrics, costs, database);
                    System.out.println("  ledger  " + ledger.line() + commandsPerCommit(
                            Costs.difference(metrics.metric("ledger.writes.batch", "COUNT"), batchesBefore),
                            Costs.difference(metrics.metric("ledger.writes.batch", "TOTAL"), commandsBefore)));
                    RawRow row = database.averageStoredEvent();
                    window = new Window(options.warmupSeconds(), options.durationSeconds());
                    Load raw = rawLoad(database, row, runners, window, metrics, costs);
                    System.out.println("  raw     " + raw.line() + "   (" + row + ")");
                    levels.add(new Level(runners, ledger, raw));
                    if (service != null && !service.alive()) {
                        throw new BenchmarkFailed("the service died; see " + service.log());
                    }
                }
            } finally {
                database.dropRawTable();
            }
            report(levels, metrics, service);
        }
    }

    /**
     * Unmeasured ledger load before the first level. Until the JIT settles its compilers take CPU that counts
     * against the ledger: on two shared cores the service's kept compiling for four to five minutes of load at 32
     * runners, and a level measured during that used about half as much service CPU again per event as one
     * measured after (docs/benchmarks.md, run 9).
     */
    private void prime(LedgerClient client, int runners, ServiceMetrics metrics, CostMeter costs, Database database) {
        if (options.primeSeconds().isPresent()) {
            int seconds = options.primeSeconds().getAsInt();
            if (seconds > 0) {
                System.out.printf("Priming: %d s of unmeasured ledger load with %d runners%n", seconds, runners);
                ledgerLoad(client, runners, new Window(seconds, 0), metrics, costs, database);
            }
            return;
        }
        System.out.printf("Priming: unmeasured ledger load with %d runners in %d s rounds, until a round in which "
                + "the service and this harness each compiled for less than %d ms%n", runners, PRIME_ROUND_SECONDS,
                SETTLED_COMPILATION_MS);
        CompilationMXBean harness = ManagementFactory.getCompilationMXBean();
        OptionalDouble serviceBefore = metrics.metric("jvm.compilation.time", "COUNT");
        long harnessBefore = harness.getTotalCompilationTime();
        for (int elapsed = PRIME_ROUND_SECONDS; ; elapsed += PRIME_ROUND_SECONDS) {
            ledgerLoad(client, runners, new Window(PRIME_ROUND_SECONDS, 0), metrics, costs, database);
            OptionalDouble serviceNow = metrics.metric("jvm.compilation.time", "COUNT");
            long harnessNow = harness.getTotalCompilationTime();
            OptionalDouble service = Costs.difference(serviceNow, serviceBefore);
            long own = harnessNow - harnessBefore;
            System.out.printf("  %3d s: compiled %s ms in the service, %d ms in the harness%n", elapsed,
                    service.isPresent() ? String.format("%.0f", service.getAsDouble()) : "n/a", own);
            boolean settled = own < SETTLED_COMPILATION_MS
                    && (service.isEmpty() || service.getAsDouble() < SETTLED_COMPILATION_MS);
            if (settled && elapsed >= 2 * PRIME_ROUND_SECONDS) {
                if (service.isEmpty()) {
                    System.out.println("  the service reports no jvm.compilation.time: settled on the harness alone");
                }
                return;
            }
            if (elapsed >= PRIME_MAX_SECONDS) {
                System.out.printf("  not settled after %d s: the JIT's work is in the figures below%n", elapsed);
                return;
            }
            serviceBefore = serviceNow;
            harnessBefore = harnessNow;
        }
    }

    private Load ledgerLoad(LedgerClient client, int runners, Window window, ServiceMetrics metrics,
            CostMeter costs, Database database) {
        List<Phase> phases = IntStream.range(0, options.phases())
                .mapToObj(i -> new Phase("p" + i, "UPDATE orders SET status = 'paid' WHERE id % 200 = " + i + ";",
                        "SELECT count(*) FROM orders WHERE status IS NULL AND id % 200 = " + i + ";",
                        "UPDATE orders SET status = NULL WHERE id % 200 = " + i + ";", false, 1L))
                .toList();
        int load = ++loads;
        return drive("ledger", runners, window, metrics, costs, runner -> new LoadLoop() {
            private long migrations;

            @Override
            public void run(Window window, Recorder recorder) {
                while (!window.over()) {
                    String id = "bench-" + run + "-" + load + "-" + runner + "-" + migrations++;
                    // The plan counts too: it acknowledges the planned event, as each post acknowledges its event.
                    if (!recorder.timePlan(window, () -> client.plan(plan(id, phases)))) {
                        // Pause after a failure, so that a ledger that is down is not hammered.
                        sleep(Duration.ofMillis(100));
                        continue;
                    }
                    MigrationHandle migration = client.forMigration(id);
                    for (Phase phase : phases) {
                        String name = phase.name();
                        boolean more = recorder.time(window, () -> migration.startPhase(name))
                                && recorder.time(window, () ->
                                        migration.phaseApplied(name, 412, 1000L, 3L, "UPDATE 1000"))
                                && recorder.time(window, () ->
                                        migration.verified(name, List.of("no NULL status"), "count = 0"));
                        if (!more) {
                            break;
                        }
                    }
                }
            }
        }, () -> OptionalDouble.of(catchUp(metrics, database)));
    }

    /** The mean group-commit batch over a load's warm-up and window, from the service's metric. */
    private static String commandsPerCommit(OptionalDouble batches, OptionalDouble commands) {
        return batches.isPresent() && commands.isPresent() && batches.getAsDouble() > 0
                ? String.format(Locale.ROOT, "   %.1f writes per commit",
                        commands.getAsDouble() / batches.getAsDouble())
                : "";
    }

    /**
     * Waits until the read models and the sealer have processed every event, so that their backlog is counted in
     * the ledger's CPU per event and does not compete with the raw load that follows; answers the seconds waited.
     */
    private static double catchUp(ServiceMetrics metrics, Database database) {
        long start = System.nanoTime();
        long deadline = start + CATCH_UP_LIMIT.toNanos();
        while (!(metrics.readModelsCaughtUp() && database.sealed())) {
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailed("the read models or the sealer were still behind "
                        + CATCH_UP_LIMIT.toMinutes() + " minutes after the load ended; "
                        + "see GET /api/v1/admin/projections");
            }
            sleep(ServiceMetrics.PERIOD);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private Load rawLoad(Database database, RawRow row, int runners, Window window, ServiceMetrics metrics,
            CostMeter costs) {
        int load = ++loads;
        return drive("raw", runners, window, metrics, costs, runner -> new LoadLoop() {
            @Override
            public void run(Window window, Recorder recorder) {
                String aggregate = "raw-" + run + "-" + load + "-" + runner;
                try (Connection connection = database.open();
                        PreparedStatement insert = connection.prepareStatement(Database.INSERT)) {
                    long sequence = 0;
                    while (!window.over()) {
                        long next = sequence++;
                        if (!recorder.time(window, () -> row.insert(insert, aggregate, next))) {
                            return;
                        }
                    }
                } catch (SQLException e) {
                    recorder.failed(e);
                }
            }
        }, OptionalDouble::empty);
    }

    /** Runs one loop per runner until the window closes, each on its own thread, and gathers their figures. */
    private Load drive(String what, int runners, Window window, ServiceMetrics metrics, CostMeter costs,
            IntFunction<LoadLoop> loops, Supplier<OptionalDouble> settle) {
        CountDownLatch go = new CountDownLatch(1);
        List<Recorder> recorders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < runners; r++) {
            Recorder recorder = new Recorder();
            LoadLoop loop = loops.apply(r);
            recorders.add(recorder);
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    loop.run(window, recorder);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, what + "-" + r);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        window.open();
        go.countDown();
        window.sleepUntil(window.from());
        Costs before = costs.read();
        window.sleepUntil(window.to());
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkFailed("interrupted");
            }
            if (thread.isAlive()) {
                throw new BenchmarkFailed(thread.getName() + " did not finish within 60 s of the window's end");
            }
        }
        OptionalDouble settled = settle.get();
        Costs spent = costs.read().minus(before);
        return Load.of(recorders, window.seconds(), metrics.during(window), spent, settled);
    }

    private static MigrationPlan plan(String id, List<Phase> phases) {
        // No required prechecks, so that phases can start at once.
        return new MigrationPlan(id, "orders-db", "bench", "42", "Benchmark migration", "sha256:bench",
                MigrationKind.SCHEMA, MigrationStep.MIGRATE, "bench-owner", List.of(), Severity.LOW, null, null,
                phases, List.of(), List.of());
    }

    private void report(List<Level> levels, ServiceMetrics metrics, Service service) {
        System.out.println();
        System.out.println("| runners | ledger events/s | p50 ms | p99 ms | max ms | errors "
                + "| raw inserts/s | raw p50 ms | raw p99 ms | ledger ÷ raw |");
        System.out.println("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        for (Level level : levels) {
            Load ledger = level.ledger();
            Load raw = level.raw();
            System.out.printf(Locale.ROOT, "| %d | %.0f | %s | %s | %s | %d | %.0f | %s | %s | %.2f |%n",
                    level.runners(), ledger.perSecond(), ms(ledger.p50()), ms(ledger.p99()), ms(ledger.max()),
                    ledger.errors() + raw.errors(), raw.perSecond(), ms(raw.p50()), ms(raw.p99()), level.ratio());
        }
        System.out.println();
        System.out.println("CPU time per acknowledged event (ledger) and per inserted row (raw), in ms, and the "
                + "service's GC pauses, over the measured span and, for the ledger, the catch-up of its read models "
                + "and sealer after it (catch-up s: how long that took once the load ended); machine CPU use (all "
                + "cores = 100 %) during the measured span:");
        System.out.println();
        System.out.println("| runners | ledger: service | client | PostgreSQL | machine CPU | GC pauses s "
                + "| catch-up s | raw: client | PostgreSQL | machine CPU |");
        System.out.println("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        for (Level level : levels) {
            Load ledger = level.ledger();
            Load raw = level.raw();
            System.out.printf(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    level.runners(), ledger.cpuMs(Costs::service), ledger.cpuMs(Costs::client),
                    ledger.cpuMs(Costs::postgres), percent(ledger.machineCpu()), seconds(ledger.spent().gc()),
                    seconds(ledger.catchUpSeconds()),
                    raw.cpuMs(Costs::client), raw.cpuMs(Costs::postgres), percent(raw.machineCpu()));
        }
        OptionalDouble peakHeap = metrics.peakHeap();
        System.out.printf("%nPeak service heap used: %s of %s (sampled every %d ms)%n",
                peakHeap.stream().mapToObj(LedgerBenchmark::mib).findFirst().orElse("n/a"),
                metrics.heapMax().stream().mapToObj(LedgerBenchmark::mib).findFirst().orElse("n/a"),
                ServiceMetrics.PERIOD.toMillis());
        // Used heap peaks where the collector chose to collect; what survives a full collection is what the
        // service needs.
        OptionalDouble live = metrics.liveAfterFullCollection();
        OptionalDouble full = metrics.fullCollections();
        System.out.printf("Service heap live after its latest full collection: %s (%s full collections since it "
                + "started, the first at start-up)%n", live.isEmpty() ? "n/a" : mib(live.getAsDouble()),
                full.isEmpty() ? "n/a" : String.valueOf(Math.round(full.getAsDouble())));

        Level judged = levels.stream().filter(level -> level.runners() == TARGET_RUNNERS).findFirst()
                .orElse(levels.stream().max(Comparator.comparingInt(Level::runners)).orElseThrow());
        System.out.printf("%nTargets at %d runners%s:%n", judged.runners(),
                judged.runners() == TARGET_RUNNERS ? "" : " (no 32-runner level was run)");
        verdict(judged.ratio() >= RATIO_TARGET, String.format(Locale.ROOT,
                "ledger ÷ raw durable insert rate %.2f, target ≥ %.1f", judged.ratio(), RATIO_TARGET));
        verdict(judged.ledger().acknowledged() > 0 && judged.ledger().p99() / 1e6 < P99_TARGET_MS,
                judged.ledger().acknowledged() == 0 ? "p99: no ledger call was acknowledged in the measured window"
                        : String.format(Locale.ROOT, "p99 %s ms, target < %.0f ms when the machine is quiet",
                                ms(judged.ledger().p99()), P99_TARGET_MS));
        boolean heapKept = peakHeap.isPresent() && peakHeap.getAsDouble() < HEAP_LIMIT_BYTES
                && (service == null || service.alive());
        verdict(heapKept, "peak heap used " + peakHeap.stream().mapToObj(LedgerBenchmark::mib).findFirst()
                .orElse("unknown") + ", target < 512 MiB"
                + (service == null ? "" : ", service alive under -Xmx" + HEAP));
        long errors = levels.stream().mapToLong(level -> level.ledger().errors() + level.raw().errors()).sum();
        if (errors > 0) {
            System.out.println("  !    " + errors + " calls failed; the figures above count acknowledged calls only");
        }
        System.out.printf("Load average now: %s%n", Machine.loadAverage());
    }

    private static void verdict(boolean met, String what) {
        System.out.println((met ? "  met  " : "  MISSED ") + what);
    }

    static String ms(long nanos) {
        double millis = nanos / 1e6;
        return String.format(Locale.ROOT, millis < 10 ? "%.2f" : "%.1f", millis);
    }

    static String mib(double bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1 << 20));
    }

    static String seconds(OptionalDouble seconds) {
        return seconds.isPresent() ? String.format(Locale.ROOT, "%.2f", seconds.getAsDouble()) : "n/a";
    }

    static String percent(OptionalDouble share) {
        return share.isPresent() ? String.format(Locale.ROOT, "%.0f %%", share.getAsDouble() * 100) : "n/a";
    }

    static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not delete " + root + " (" + e.getMessage() + ")");
        }
    }

    /** The command line, checked before anything starts. */
    record Options(boolean help, List<Integer> runners, OptionalInt primeSeconds, int warmupSeconds,
            int durationSeconds,
            int phases, Path jar, boolean keepData, String url, Optional<DatabaseCoordinates> database,
            String adminToken) {

        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                boolean takesValue = switch (name) {
                    case "--runners", "--prime", "--warmup", "--duration", "--phases", "--jar", "--url", "--admin-token",
                         "--data-dir",
                         "--db-url", "--db-user", "--db-password" -> true;
                    case "--help", "-h", "--keep-data" -> false;
                    default -> throw new UsageException("unknown option " + arg);
                };
                String value;
                if (!takesValue) {
                    if (arg.contains("=")) {
                        throw new UsageException(name + " takes no value");
                    }
                    value = "";
                } else if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    value = args[++i];
                } else {
                    throw new UsageException(name + " needs a value");
                }
                if (given.put(name.equals("-h") ? "--help" : name, value) != null) {
                    throw new UsageException(name + " is given twice");
                }
            }
            String url = given.get("--url");
            if (url != null && given.containsKey("--jar")) {
                throw new UsageException("--jar starts a service and --url uses a running one; give one of them");
            }
            if (url != null && given.containsKey("--keep-data")) {
                throw new UsageException("--keep-data keeps a started service's data; with --url nothing is started");
            }
            Optional<DatabaseCoordinates> database = database(given, url);
            String adminToken = given.getOrDefault("--admin-token", System.getenv("LEDGER_TOKEN"));
            if (url == null && given.containsKey("--admin-token")) {
                throw new UsageException("--admin-token is for a ledger given by --url; a started one has its own");
            }
            if (url != null && (adminToken == null || adminToken.isBlank())) {
                throw new UsageException("--url needs an admin's token: --admin-token TOKEN or LEDGER_TOKEN");
            }
            if (url != null) {
                try {
                    URI uri = new URI(url);
                    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                        throw new UsageException(
                                "--url must be an http or https URL such as http://127.0.0.1:8080, was " + url);
                    }
                } catch (java.net.URISyntaxException e) {
                    throw new UsageException("--url is not a URL: " + url);
                }
            }
            return new Options(given.containsKey("--help"),
                    runners(given.getOrDefault("--runners", "1,8,32")),
                    prime(given.getOrDefault("--prime", "auto")),
                    whole("--warmup", given.getOrDefault("--warmup", "5"), 0),
                    whole("--duration", given.getOrDefault("--duration", "20"), 1),
                    whole("--phases", given.getOrDefault("--phases", "20"), 1),
                    Path.of(given.getOrDefault("--jar", "ledger-service/target/ledger-service-0.1.0-SNAPSHOT.jar")),
                    given.containsKey("--keep-data"), url, database, adminToken);
        }

        private static Optional<DatabaseCoordinates> database(Map<String, String> given, String url) {
            String dataDir = given.get("--data-dir");
            String dbUrl = given.get("--db-url");
            boolean credentials = given.containsKey("--db-user") || given.containsKey("--db-password");
            if (url == null) {
                if (dataDir != null || dbUrl != null || credentials) {
                    throw new UsageException("--data-dir, --db-url, --db-user and --db-password describe the "
                            + "database of a ledger given by --url");
                }
                return Optional.empty();
            }
            if (dataDir != null && dbUrl != null) {
                throw new UsageException("give --data-dir or --db-url, not both");
            }
            if (dataDir != null) {
                if (credentials) {
                    throw new UsageException("--db-user and --db-password go with --db-url, not --data-dir");
                }
                try {
                    return Optional.of(DatabaseCoordinates.embedded(Path.of(dataDir)));
                } catch (BenchmarkFailed e) {
                    throw new UsageException(e.getMessage());
                }
            }
            if (dbUrl != null) {
                if (!dbUrl.startsWith("jdbc:postgresql:")) {
                    throw new UsageException("--db-url must be a jdbc:postgresql: URL, was " + dbUrl);
                }
                if (!given.containsKey("--db-user")) {
                    throw new UsageException("--db-url needs --db-user (and --db-password)");
                }
                return Optional.of(new DatabaseCoordinates(dbUrl, given.get("--db-user"),
                        given.getOrDefault("--db-password", ""), null));
            }
            throw new UsageException("--url needs the ledger's database for the raw insert baseline: "
                    + "--data-dir DIR (its LEDGER_DATA_DIR) or --db-url, --db-user and --db-password");
        }

        private static List<Integer> runners(String list) {
            List<Integer> levels = new ArrayList<>();
            for (String level : list.split(",", -1)) {
                int runners = whole("--runners", level.strip(), 1);
                if (levels.contains(runners)) {
                    throw new UsageException("--runners lists " + runners + " twice");
                }
                levels.add(runners);
            }
            return List.copyOf(levels);
        }

        /** Seconds of priming, or none for priming until the JIT settles. */
        private static OptionalInt prime(String value) {
            if ("auto".equals(value.strip())) {
                return OptionalInt.empty();
            }
            try {
                return OptionalInt.of(whole("--prime", value, 0));
            } catch (UsageException e) {
                throw new UsageException("--prime must be auto or a whole number of seconds, was '" + value + "'");
            }
        }

        private static int whole(String option, String value, int min) {
            int number;
            try {
                number = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new UsageException(option + " must be a whole number, was '" + value + "'");
            }
            if (number < min) {
                throw new UsageException(option + " must be at least " + min + ", was " + number);
            }
            return number;
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static final class BenchmarkFailed extends RuntimeException {
        BenchmarkFailed(String message) {
            super(message);
        }
    }

    /** @param adminToken an admin's token, which creates the runners' token and reads the service's metrics */
    record Target(String url, DatabaseCoordinates database, String adminToken) {
    }

    /** @param dataDir the ledger's data directory when its PostgreSQL is the embedded one, else null */
    record DatabaseCoordinates(String jdbcUrl, String user, String password, Path dataDir) {

        /**
         * The embedded PostgreSQL of a ledger whose LEDGER_DATA_DIR is {@code dataDir}: its superuser's password is
         * in {@code postgres.password} and its port on line 4 of the cluster's {@code postmaster.pid}.
         */
        static DatabaseCoordinates embedded(Path dataDir) {
            Path password = dataDir.resolve("postgres.password");
            Path pid = dataDir.resolve("postgres").resolve("postmaster.pid");
            try {
                List<String> pidLines = Files.readAllLines(pid, StandardCharsets.UTF_8);
                if (pidLines.size() < 4 || !pidLines.get(3).strip().matches("\\d+")) {
                    throw new BenchmarkFailed(pid + " names no port; is the ledger's PostgreSQL running?");
                }
                return new DatabaseCoordinates("jdbc:postgresql://127.0.0.1:" + pidLines.get(3).strip() + "/ledger",
                        "ledger", Files.readAllLines(password, StandardCharsets.UTF_8).get(0).strip(), dataDir);
            } catch (IOException | IndexOutOfBoundsException e) {
                throw new BenchmarkFailed("cannot read the embedded PostgreSQL's port and password from " + dataDir
                        + " (" + e + "); is it the LEDGER_DATA_DIR of a running ledger?");
            }
        }
    }

    /** The service started from its jar, as an operator would: its own JVM, heap capped, its own data directory. */
    static final class Service {

        private final Process process;
        private final Path log;
        private final Path dataDir;
        private final String url;
        /** The first admin's secret, given to the service as LEDGER_BOOTSTRAP_TOKEN. */
        private final String adminToken;
        private DatabaseCoordinates database;

        private Service(Process process, Path log, Path dataDir, String url, String adminToken) {
            this.process = process;
            this.adminToken = adminToken;
            this.log = log;
            this.dataDir = dataDir;
            this.url = url;
        }

        static Service start(Path jar, Path work) throws IOException {
            if (!Files.isRegularFile(jar)) {
                throw new BenchmarkFailed("no service jar at " + jar.toAbsolutePath()
                        + "; build it with ./mvnw -q package -DskipTests, or give --jar");
            }
            // A copy, so that a rebuild during the run cannot pull the jar from under the running service.
            Path copy = Files.copy(jar, work.resolve("ledger-service.jar"));
            Path dataDir = work.resolve("data");
            Path log = work.resolve("service.log");
            int port = freePort();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // The collector docs/operations.md advises on a machine the service shares with PostgreSQL.
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx" + HEAP, "-XX:+ExitOnOutOfMemoryError",
                    "-XX:+UseParallelGC", "-jar", copy.toString(), "--server.port=" + port,
                    // Tomcat's scratch directory goes with the rest of the run, rather than staying in /tmp.
                    "--server.tomcat.basedir=" + work.resolve("tomcat"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("LEDGER_DATA_DIR", dataDir.toString());
            String adminToken = "mlg_bench-" + UUID.randomUUID() + UUID.randomUUID();
            builder.environment().put("LEDGER_BOOTSTRAP_TOKEN", adminToken);
            Stream.of("LEDGER_DB_URL", "LEDGER_DB_USER", "LEDGER_DB_PASSWORD", "SPRING_DATASOURCE_URL")
                    .forEach(builder.environment()::remove);
            System.out.printf("Starting the service from %s on port %d (log: %s)%n", jar, port, log);
            Service service = new Service(builder.start(), log, dataDir, "http://127.0.0.1:" + port, adminToken);
            // Ctrl-C must not leave the service and its PostgreSQL running.
            Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "stop-service"));
            try {
                service.awaitReady();
                service.database = DatabaseCoordinates.embedded(dataDir);
                return service;
            } catch (RuntimeException e) {
                service.stop();
                throw e;
            }
        }

        Target target() {
            return new Target(url, database, adminToken);
        }

        long pid() {
            return process.pid();
        }

        Path log() {
            return log;
        }

        boolean alive() {
            return process.isAlive();
        }

        private void awaitReady() {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest readiness = HttpRequest.newBuilder(URI.create(url + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build();
            long started = System.nanoTime();
            long deadline = started + READINESS_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new BenchmarkFailed("the service exited with " + process.exitValue() + " while starting:\n"
                            + tail(log, 30));
                }
                try {
                    HttpResponse<String> response = http.send(readiness, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                        System.out.printf("Service ready after %.1f s%n", (System.nanoTime() - started) / 1e9);
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BenchmarkFailed("interrupted while waiting for the service");
                }
                sleep(Duration.ofMillis(500));
            }
            throw new BenchmarkFailed("the service was not ready within " + READINESS_TIMEOUT.toSeconds() + " s:\n"
                    + tail(log, 30));
        }

        /** Stops the service as an operator would, and makes sure its PostgreSQL went with it. */
        synchronized void stop() {
            Optional<ProcessHandle> postmaster = postmaster();
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                        System.err.println("The service did not stop within " + STOP_TIMEOUT.toSeconds()
                                + " s; killing it");
                        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // pg_ctl stop returns once postmaster.pid is gone, a moment before the postmaster itself exits.
            postmaster.filter(server -> !exited(server, Duration.ofSeconds(10))).ifPresent(left -> {
                System.err.println("Stopping PostgreSQL (pid " + left.pid() + ") that the service left running");
                left.destroy();
                exited(left, Duration.ofSeconds(30));
            });
        }

        private static boolean exited(ProcessHandle process, Duration wait) {
            try {
                process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                return !process.isAlive();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }

        private Optional<ProcessHandle> postmaster() {
            try {
                List<String> lines = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
                return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).strip()));
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }

        private static String tail(Path file, int lines) {
            try {
                List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
                return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
            } catch (IOException | UncheckedIOException e) {
                return "(no log at " + file + ")";
            }
        }
    }

    /** The ledger's PostgreSQL, seen directly: settings, stored event sizes and the raw insert baseline. */
    static final class Database implements AutoCloseable {

        /**
         * The statement Axon's JdbcEventStorageEngine appends an event with; the database assigns globalindex. The
         * copied table has the event table's columns but not its triggers, so the raw row brings the
         * {@code eventhash} that the ledger's trigger computes (32 bytes, as SHA-256 gives).
         */
        static final String INSERT = "INSERT INTO " + RAW_TABLE + " (eventidentifier, timestamp, payloadtype, "
                + "payloadrevision, payload, metadata, type, aggregateidentifier, sequencenumber, eventhash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

        private final DatabaseCoordinates coordinates;
        private final Connection admin;

        private Database(DatabaseCoordinates coordinates, Connection admin) {
            this.coordinates = coordinates;
            this.admin = admin;
        }

        static Database connect(DatabaseCoordinates coordinates) {
            try {
                return new Database(coordinates,
                        DriverManager.getConnection(coordinates.jdbcUrl(), coordinates.user(), coordinates.password()));
            } catch (SQLException e) {
                throw new BenchmarkFailed("cannot connect to the ledger's PostgreSQL at " + coordinates.jdbcUrl()
                        + ": " + e.getMessage());
            }
        }

        /** Whether the sealer has sealed the ledger's newest event. */
        boolean sealed() {
            try (Statement statement = admin.createStatement();
                    ResultSet result = statement.executeQuery("SELECT coalesce((SELECT max(globalindex) FROM "
                            + "domainevententry), 0) <= coalesce((SELECT max(position) FROM ledger_chain), 0)")) {
                result.next();
                return result.getBoolean(1);
            } catch (SQLException e) {
                throw new BenchmarkFailed("cannot read the sealer's progress: " + e.getMessage());
            }
        }

        /** One connection per raw runner, autocommit on: every row is its own durable commit. */
        Connection open() throws SQLException {
            Connection connection = DriverManager.getConnection(coordinates.jdbcUrl(), coordinates.user(),
                    coordinates.password());
            connection.setAutoCommit(true);
            return connection;
        }

        String setting(String name) {
            try (Statement statement = admin.createStatement();
                    ResultSet result = statement.executeQuery("SHOW " + name)) {
                result.next();
                return result.getString(1);
            } catch (SQLException e) {
                throw new BenchmarkFailed("cannot read " + name + ": " + e.getMessage());
            }
        }

        /**
         * Same columns, types, constraints and indexes as Axon's table. LIKE would copy globalindex's default, which
         * draws from the ledger's own sequence, so the copy gets a sequence of its own: raw rows leave no gaps in
         * the ledger's positions.
         */
        void createRawTable() {
            execute("DROP TABLE IF EXISTS " + RAW_TABLE,
                    "CREATE TABLE " + RAW_TABLE + " (LIKE domainevententry INCLUDING ALL)",
                    "CREATE SEQUENCE " + RAW_TABLE + "_seq OWNED BY " + RAW_TABLE + ".globalindex",
                    "ALTER TABLE " + RAW_TABLE + " ALTER COLUMN globalindex SET DEFAULT nextval('" + RAW_TABLE
                            + "_seq')");
        }

        void dropRawTable() {
            execute("DROP TABLE IF EXISTS " + RAW_TABLE);
        }

        /** The stored ledger event closest to the average size of the recent ones, or a 400-byte stand-in. */
        RawRow averageStoredEvent() {
            String sql = """
                    WITH recent AS (SELECT * FROM domainevententry
                                    WHERE globalindex > (SELECT max(globalindex) - 10000 FROM domainevententry))
                    SELECT type, payloadtype, payloadrevision, payload, metadata FROM recent
                    ORDER BY abs(length(payload) - (SELECT avg(length(payload)) FROM recent)) LIMIT 1""";
            try (Statement statement = admin.createStatement(); ResultSet result = statement.executeQuery(sql)) {
                if (result.next()) {
                    return new RawRow(result.getString(1), result.getString(2), result.getString(3),
                            result.getBytes(4), result.getBytes(5));
                }
            } catch (SQLException e) {
                throw new BenchmarkFailed("cannot read the ledger's stored events: " + e.getMessage());
            }
            byte[] payload = new byte[FALLBACK_PAYLOAD_BYTES];
            new Random(42).nextBytes(payload);
            return new RawRow("Migration", "io.ledger.api.event.PhaseApplied", null, payload, new byte[120]);
        }

        private void execute(String... statements) {
            try (Statement statement = admin.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            } catch (SQLException e) {
                throw new BenchmarkFailed("cannot prepare the raw insert table: " + e.getMessage());
            }
        }

        @Override
        public void close() {
            try {
                admin.close();
            } catch (SQLException e) {
                System.err.println("Could not close the admin connection: " + e.getMessage());
            }
        }
    }

    /** One row as the ledger stores an event; each insert gets a fresh eventidentifier and timestamp. */
    record RawRow(String type, String payloadType, String payloadRevision, byte[] payload, byte[] metadata) {

        private static final byte[] RAW_HASH = new byte[32];

        void insert(PreparedStatement insert, String aggregate, long sequence) {
            try {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, Instant.now().toString());
                insert.setString(3, payloadType);
                insert.setString(4, payloadRevision);
                insert.setBytes(5, payload);
                insert.setBytes(6, metadata);
                insert.setString(7, type);
                insert.setString(8, aggregate);
                insert.setLong(9, sequence);
                insert.setBytes(10, RAW_HASH);
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return "rows like a stored " + payloadType.substring(payloadType.lastIndexOf('.') + 1) + ": payload "
                    + payload.length + " B, metadata " + (metadata == null ? 0 : metadata.length) + " B";
        }
    }

    /** One runner's work, repeated until its window closes. */
    interface LoadLoop {
        void run(Window window, Recorder recorder);
    }

    /** A warm-up followed by the measured span, on System.nanoTime's clock. */
    static final class Window {

        private final long warmupNanos;
        private final long durationNanos;
        private volatile long start;

        Window(int warmupSeconds, int durationSeconds) {
            this.warmupNanos = TimeUnit.SECONDS.toNanos(warmupSeconds);
            this.durationNanos = TimeUnit.SECONDS.toNanos(durationSeconds);
        }

        void open() {
            start = System.nanoTime();
        }

        long from() {
            return start + warmupNanos;
        }

        long to() {
            return from() + durationNanos;
        }

        boolean over() {
            return System.nanoTime() - to() >= 0;
        }

        boolean measures(long nanoTime) {
            return nanoTime - from() >= 0 && nanoTime - to() < 0;
        }

        /** At least a nanosecond, so that a window that only warms up yields rates of zero rather than NaN. */
        double seconds() {
            return Math.max(1, durationNanos) / 1e9;
        }

        void sleepUntil(long nanoTime) {
            long left = nanoTime - System.nanoTime();
            if (left > 0) {
                sleep(Duration.ofNanos(left));
            }
        }
    }

    /**
     * One runner's acknowledged calls that ended inside the measured span, with their latencies; a call's latency
     * is the time around the client call, so it includes HTTP, JSON and the durable commit.
     */
    static final class Recorder {

        private static final AtomicReference<String> FIRST_FAILURE = new AtomicReference<>();

        private final Latencies calls = new Latencies();
        /** Plans among the calls: their lint makes them the slowest kind, so their share of the tail is shown. */
        private final Latencies plans = new Latencies();
        private long errors;

        /** @return whether the call was acknowledged and the window is still open for the next one */
        boolean time(Window window, Runnable call) {
            return time(window, call, false);
        }

        boolean timePlan(Window window, Runnable call) {
            return time(window, call, true);
        }

        private boolean time(Window window, Runnable call, boolean plan) {
            long start = System.nanoTime();
            try {
                call.run();
            } catch (RuntimeException e) {
                failed(e);
                return false;
            }
            long end = System.nanoTime();
            if (window.measures(end)) {
                calls.add(end - start);
                if (plan) {
                    plans.add(end - start);
                }
            }
            return !window.over();
        }

        void failed(Exception e) {
            errors++;
            if (FIRST_FAILURE.compareAndSet(null, e.toString())) {
                System.err.println("First failure: " + e);
            }
        }
    }

    /** A growing array of latencies in nanoseconds. */
    static final class Latencies {

        private long[] values = new long[4096];
        private int count;

        void add(long nanos) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = nanos;
        }

        static long[] sorted(List<Recorder> recorders, Function<Recorder, Latencies> kind) {
            return recorders.stream().map(kind).flatMapToLong(l -> Arrays.stream(l.values, 0, l.count)).sorted()
                    .toArray();
        }
    }

    /** What one load achieved in the measured span. */
    record Load(long acknowledged, double perSecond, long p50, long p99, long max, long errors,
            OptionalDouble serviceCpu, OptionalDouble machineCpu, Costs spent, OptionalDouble catchUpSeconds,
            long plans, long planP50, long planP99) {

        static Load of(List<Recorder> recorders, double seconds, ServiceMetrics.Usage usage, Costs spent,
                OptionalDouble catchUpSeconds) {
            long[] all = Latencies.sorted(recorders, r -> r.calls);
            long[] plans = Latencies.sorted(recorders, r -> r.plans);
            long errors = recorders.stream().mapToLong(r -> r.errors).sum();
            return new Load(all.length, all.length / seconds, percentile(all, 0.50), percentile(all, 0.99),
                    all.length == 0 ? 0 : all[all.length - 1], errors, usage.process(), usage.machine(), spent,
                    catchUpSeconds, plans.length, percentile(plans, 0.50), percentile(plans, 0.99));
        }

        /** CPU milliseconds that one side spent per acknowledged call, or n/a when that side was not measured. */
        String cpuMs(Function<Costs, OptionalDouble> side) {
            OptionalDouble seconds = side.apply(spent);
            return seconds.isPresent() && acknowledged > 0
                    ? String.format(Locale.ROOT, "%.3f", seconds.getAsDouble() * 1000 / acknowledged) : "n/a";
        }

        /** Nearest rank: the smallest latency that at least {@code share} of the calls did not exceed. */
        static long percentile(long[] sorted, double share) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(share * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }

        String line() {
            return String.format(Locale.ROOT,
                    "%8d acknowledged  %7.0f /s   p50 %6s ms   p99 %6s ms   max %6s ms   errors %d   "
                            + "service CPU %s   machine CPU %s",
                    acknowledged, perSecond, ms(p50), ms(p99), ms(max), errors, percent(serviceCpu),
                    percent(machineCpu)) + (catchUpSeconds.isEmpty() ? "" : String.format(Locale.ROOT,
                    "   read models and sealer caught up %.1f s after the window", catchUpSeconds.getAsDouble()))
                    + (plans == 0 ? "" : String.format(Locale.ROOT, "   %d plans among them: p50 %s ms, p99 %s ms",
                    plans, ms(planP50), ms(planP99)));
        }
    }

    record Level(int runners, Load ledger, Load raw) {
        double ratio() {
            return raw.perSecond() == 0 ? 0 : ledger.perSecond() / raw.perSecond();
        }
    }

    /**
     * Samples the service's actuator metrics in the background: heap used (for its peak), its process CPU and the
     * machine's. A ledger without the metrics endpoint yields no samples, and its figures print as n/a.
     */
    static final class ServiceMetrics implements AutoCloseable {

        static final Duration PERIOD = Duration.ofMillis(250);

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final ObjectMapper json = new ObjectMapper();
        private final String url;
        private final String token;
        private final List<Sample> samples = new ArrayList<>();
        private final Thread poller;
        private volatile boolean closed;

        private ServiceMetrics(String url, String token) {
            this.url = url;
            this.token = token;
            this.poller = new Thread(this::poll, "metrics-poller");
            poller.setDaemon(true);
        }

        static ServiceMetrics poll(String url, String token) {
            ServiceMetrics metrics = new ServiceMetrics(url, token);
            metrics.poller.start();
            return metrics;
        }

        record Sample(long nanoTime, OptionalDouble heap, OptionalDouble process, OptionalDouble machine) {
        }

        record Usage(OptionalDouble process, OptionalDouble machine) {
        }

        private void poll() {
            while (!closed) {
                long next = System.nanoTime() + PERIOD.toNanos();
                Sample sample = new Sample(System.nanoTime(), metric("jvm.memory.used?tag=area:heap", "VALUE"),
                        metric("process.cpu.usage", "VALUE"), metric("system.cpu.usage", "VALUE"));
                synchronized (samples) {
                    samples.add(sample);
                }
                long left = next - System.nanoTime();
                if (left > 0) {
                    sleep(Duration.ofNanos(left));
                }
            }
        }

        /** Whether every read model is running and has processed the ledger's newest position. */
        boolean readModelsCaughtUp() {
            try {
                HttpResponse<String> response = get("/api/v1/admin/projections");
                if (response.statusCode() != 200) {
                    throw new BenchmarkFailed("GET /api/v1/admin/projections answered " + response.statusCode());
                }
                for (JsonNode projection : json.readTree(response.body())) {
                    if (!projection.path("running").asBoolean() || !projection.path("caughtUp").asBoolean()) {
                        return false;
                    }
                }
                return true;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkFailed("interrupted");
            }
        }

        /** A GET of {@code path} with the admin's token. */
        private HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        }

        OptionalDouble liveAfterFullCollection() {
            return metric("jvm.gc.live.data.size", "VALUE");
        }

        OptionalDouble fullCollections() {
            return metric("jvm.gc.pause?tag=action:end%20of%20major%20GC", "COUNT");
        }

        OptionalDouble heapMax() {
            return metric("jvm.memory.max?tag=area:heap", "VALUE");
        }

        OptionalDouble peakHeap() {
            return samples().stream().map(Sample::heap).filter(OptionalDouble::isPresent)
                    .mapToDouble(OptionalDouble::getAsDouble).max();
        }

        Usage during(Window window) {
            List<Sample> inside = samples().stream().filter(s -> window.measures(s.nanoTime())).toList();
            return new Usage(average(inside, Sample::process), average(inside, Sample::machine));
        }

        OptionalDouble gcPauseSeconds() {
            return metric("jvm.gc.pause", "TOTAL_TIME");
        }

        OptionalDouble cpuSeconds() {
            OptionalDouble nanos = metric("process.cpu.time", "COUNT");
            return nanos.isPresent() ? OptionalDouble.of(nanos.getAsDouble() / 1e9) : OptionalDouble.empty();
        }

        private static OptionalDouble average(List<Sample> samples,
                Function<Sample, OptionalDouble> field) {
            return samples.stream().map(field).filter(OptionalDouble::isPresent)
                    .mapToDouble(OptionalDouble::getAsDouble).average();
        }

        private List<Sample> samples() {
            synchronized (samples) {
                return List.copyOf(samples);
            }
        }

        OptionalDouble metric(String nameAndTags, String statistic) {
            try {
                HttpResponse<String> response = get("/actuator/metrics/" + nameAndTags);
                if (response.statusCode() != 200) {
                    return OptionalDouble.empty();
                }
                for (JsonNode measurement : json.readTree(response.body()).path("measurements")) {
                    if (statistic.equals(measurement.path("statistic").asText())) {
                        return OptionalDouble.of(measurement.path("value").asDouble());
                    }
                }
                return OptionalDouble.empty();
            } catch (IOException e) {
                return OptionalDouble.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return OptionalDouble.empty();
            }
        }

        @Override
        public void close() {
            closed = true;
            poller.interrupt();
        }
    }

    /**
     * CPU seconds used so far by the service, by this harness (the client side of both loads) and by PostgreSQL,
     * and the service's GC pauses; a side that cannot be read is empty. Differences between two readings say
     * what a load cost, which a noisy machine disturbs far less than it disturbs rates and latencies.
     */
    record Costs(OptionalDouble service, OptionalDouble client, OptionalDouble postgres, OptionalDouble gc) {

        Costs minus(Costs earlier) {
            return new Costs(difference(service, earlier.service), difference(client, earlier.client),
                    difference(postgres, earlier.postgres), difference(gc, earlier.gc));
        }

        static OptionalDouble difference(OptionalDouble later, OptionalDouble earlier) {
            return later.isPresent() && earlier.isPresent()
                    ? OptionalDouble.of(later.getAsDouble() - earlier.getAsDouble()) : OptionalDouble.empty();
        }
    }

    /**
     * Reads {@link Costs}: the service's through its actuator, this JVM's from the JVM, and PostgreSQL's from
     * /proc when it is a local embedded one: the postmaster with the children it reaped, plus its live children.
     */
    static final class CostMeter {

        /** USER_HZ, which Linux fixes at 100 on the platforms the embedded PostgreSQL runs on. */
        private static final double TICKS_PER_SECOND = 100;

        private final ServiceMetrics metrics;
        private final Path dataDir;

        CostMeter(ServiceMetrics metrics, Path dataDir) {
            this.metrics = metrics;
            this.dataDir = dataDir;
        }

        Costs read() {
            return new Costs(metrics.cpuSeconds(), OptionalDouble.of(clientCpuSeconds()), postgresCpuSeconds(),
                    metrics.gcPauseSeconds());
        }

        private static double clientCpuSeconds() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1e9;
        }

        private OptionalDouble postgresCpuSeconds() {
            if (dataDir == null) {
                return OptionalDouble.empty();
            }
            try {
                long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres")
                        .resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0).strip());
                OptionalLong own = ticks(postmaster, true);
                if (own.isEmpty()) {
                    return OptionalDouble.empty();
                }
                long children = ProcessHandle.of(postmaster).stream().flatMap(ProcessHandle::children)
                        .mapToLong(child -> ticks(child.pid(), false).orElse(0)).sum();
                return OptionalDouble.of((own.getAsLong() + children) / TICKS_PER_SECOND);
            } catch (IOException | RuntimeException e) {
                return OptionalDouble.empty();
            }
        }

        /** utime + stime from /proc/pid/stat, with cutime + cstime when {@code reaped}. */
        private static OptionalLong ticks(long pid, boolean reaped) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // Fields after the command, which may hold spaces, start at field 3 (state); utime is field 14.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                if (reaped) {
                    ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                }
                return OptionalLong.of(ticks);
            } catch (IOException | RuntimeException e) {
                return OptionalLong.empty();
            }
        }
    }

    /** What the figures were measured on. */
    record Machine(int cores, String cpu, String memory, String java, String load) {

        static Machine describe() {
            String cpu = lines(Path.of("/proc/cpuinfo")).filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse("unknown CPU");
            String memory = lines(Path.of("/proc/meminfo")).filter(line -> line.startsWith("MemTotal")).findFirst()
                    .map(line -> line.replaceAll("\\D+", "")).filter(kb -> !kb.isEmpty())
                    .map(kb -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kb) / 1024.0 / 1024.0))
                    .orElse("unknown memory");
            return new Machine(Runtime.getRuntime().availableProcessors(), cpu, memory,
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                    loadAverage());
        }

        void print() {
            System.out.printf("Machine: %d cores (%s), %s RAM, %s; load average %s%n", cores, cpu, memory, java,
                    load);
        }

        static String loadAverage() {
            return lines(Path.of("/proc/loadavg")).findFirst()
                    .map(line -> String.join(" ", Arrays.copyOf(line.split(" "), 3))).orElse("n/a");
        }

        static String hostName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "unknown";
            }
        }

        private static Stream<String> lines(Path file) {
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8).stream();
            } catch (IOException e) {
                return Stream.empty();
            }
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
