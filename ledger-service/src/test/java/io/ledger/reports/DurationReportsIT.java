package io.ledger.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.TestTokens;
import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStep;
import io.ledger.api.Phase;
import io.ledger.api.Severity;
import io.ledger.api.view.RecordedEvent;
import io.ledger.api.event.Completed;
import io.ledger.api.event.PhaseApplied;
import io.ledger.api.event.PhaseStarted;
import io.ledger.api.event.Verified;
import io.ledger.client.LedgerClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.async.SequentialPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Duration trends over real HTTP. Every migration here has one phase, started at a chosen instant and applied and
 * verified {@code durationMs} later, so its duration and its phase's duration are exactly {@code durationMs}.
 * Each test uses a database of its own, so its groups hold only its own runs.
 */
@LedgerServiceTest
class DurationReportsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant MONDAY = Instant.parse("2026-05-11T02:00:00Z");
    private static final String PHASE = "apply";
    /** The ledger's own regressions, heard as the alerts feature hears them. */
    private static final Queue<DurationRegression> PUBLISHED = new ConcurrentLinkedQueue<>();

    @LocalServerPort
    int port;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    MeterRegistry meters;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private LedgerClient client;
    private final String database = "db-" + UUID.randomUUID();

    @BeforeEach
    void connect() {
        client = Ledgers.client(port);
    }

    @Test
    void statisticsPerDayMatchHandComputedPercentiles() throws Exception {
        List<String> ids = new ArrayList<>();
        for (long durationMs : new long[] {1000, 2000, 3000, 4000, 10000}) {
            ids.add(run(database, "staging", null, MONDAY.plusSeconds(ids.size() * 60), durationMs, 2L));
        }
        ids.add(run(database, "staging", null, MONDAY.plus(Duration.ofDays(1)), 40000, 2L));
        awaitReports();

        JsonNode points = series(get("groupBy=database&bucket=day&from=2026-05-11&to=2026-05-13"), database);
        assertThat(points).hasSize(2);
        JsonNode monday = points.get(0);
        assertThat(monday.get("bucket").asText()).isEqualTo("2026-05-11");
        assertThat(monday.get("count").asLong()).isEqualTo(5);
        assertThat(monday.get("p50Ms").asDouble()).isEqualTo(3000.0);
        // percentile_cont(0.95) over 5 values: rank 0.95 × 4 = 3.8, so 4000 + 0.8 × (10000 - 4000)
        assertThat(monday.get("p95Ms").asDouble()).isCloseTo(8800.0, within(1e-6));
        assertThat(monday.get("maxMs").asLong()).isEqualTo(10000);
        assertThat(monday.get("overBudget").asLong()).isZero();
        assertThat(monday.get("overBudgetShare").asDouble()).isZero();
        // actual / estimated (2 s): 0.5, 1, 1.5, 2, 5
        assertThat(monday.get("estimateRatio").asDouble()).isCloseTo(1.5, within(1e-9));
        assertThat(monday.get("phaseCount").asLong()).isEqualTo(5);
        assertThat(monday.get("phaseP50Ms").asDouble()).isEqualTo(3000.0);
        assertThat(monday.get("phaseP95Ms").asDouble()).isCloseTo(8800.0, within(1e-6));
        assertThat(monday.get("phaseMaxMs").asLong()).isEqualTo(10000);
        assertThat(monday.get("phaseEstimateRatio").asDouble()).isCloseTo(1.5, within(1e-9));

        JsonNode tuesday = points.get(1);
        assertThat(tuesday.get("bucket").asText()).isEqualTo("2026-05-12");
        assertThat(tuesday.get("count").asLong()).isEqualTo(1);
        assertThat(tuesday.get("p95Ms").asDouble()).isEqualTo(40000.0);
        // 40 s is over the default budget of 30 s
        assertThat(tuesday.get("overBudget").asLong()).isEqualTo(1);
        assertThat(tuesday.get("overBudgetShare").asDouble()).isEqualTo(1.0);
    }

    @Test
    void weeksStartOnMondayAndMonthsOnTheFirst() throws Exception {
        List<String> ids = new ArrayList<>();
        for (long durationMs : new long[] {1000, 2000, 3000, 4000, 10000, 40000}) {
            // Monday to Saturday of one ISO week
            ids.add(run(database, "staging", null, MONDAY.plus(Duration.ofDays(ids.size())), durationMs, 2L));
        }
        awaitReports();

        JsonNode week = series(get("groupBy=database&bucket=week"), database).get(0);
        assertThat(week.get("bucket").asText()).isEqualTo("2026-05-11");
        assertThat(week.get("count").asLong()).isEqualTo(6);
        assertThat(week.get("p50Ms").asDouble()).isEqualTo(3500.0);
        // rank 0.95 × 5 = 4.75: 10000 + 0.75 × (40000 - 10000)
        assertThat(week.get("p95Ms").asDouble()).isCloseTo(32500.0, within(1e-6));
        assertThat(week.get("overBudgetShare").asDouble()).isCloseTo(1.0 / 6, within(1e-9));
        // ratios 0.5, 1, 1.5, 2, 5, 20: the mean of the middle two
        assertThat(week.get("estimateRatio").asDouble()).isCloseTo(1.75, within(1e-9));

        assertThat(series(get("groupBy=database&bucket=month"), database).get(0).get("bucket").asText())
                .isEqualTo("2026-05-01");
    }

    @Test
    void eachEnvironmentIsMeasuredAgainstItsOwnBudget() throws Exception {
        run(database, "staging", null, MONDAY, 20_000, null);
        run(database, "prod", null, MONDAY.plusSeconds(60), 20_000, null);
        run(database, "prod", null, MONDAY.plusSeconds(120), 5_000, null);
        awaitReports();
        ReportsProperties defaults = context.getBean(ReportsProperties.class);
        // the report over the same tables with ledger.reports.budget.per-environment.prod=10s
        DurationReports prodIsStricter = new DurationReports(jdbc, new ReportsProperties(
                new ReportsProperties.Budget(Duration.ofSeconds(30), Map.of("prod", Duration.ofSeconds(10))),
                defaults.regressionFactor(), defaults.regressionWindow(), defaults.regressionMinRuns(),
                defaults.prediction()), transactions);

        Instant day = Instant.parse("2026-05-11T00:00:00Z");
        DurationReport report = prodIsStricter.report(new DurationQuery(DurationQuery.GroupBy.DATABASE,
                DurationQuery.Bucket.DAY, day, day.plus(Duration.ofDays(1))));
        DurationReport.Point point = report.series().stream().filter(series -> series.group().equals(database))
                .findFirst().orElseThrow().points().get(0);
        assertThat(point.count()).isEqualTo(3);
        assertThat(point.overBudget()).as("only the 20 s prod run; 20 s in staging is within 30 s").isEqualTo(1);
        assertThat(point.overBudgetShare()).isCloseTo(1.0 / 3, within(1e-9));
    }

    @Test
    void percentilesAreGivenToTheMicrosecondWithoutTheInterpolationsBinaryNoise() throws Exception {
        run(database, "staging", null, MONDAY, 0, null);
        run(database, "staging", null, MONDAY.plusSeconds(60), 3, null);
        awaitReports();

        JsonNode point = series(get("groupBy=database&bucket=day&from=2026-05-11&to=2026-05-12"), database)
                .get(0);
        // 0.95 × 3 is 2.8499999999999996 in binary floating point
        assertThat(point.get("p95Ms").asText()).isEqualTo("2.85");
    }

    @Test
    void groupsByEnvironmentKindAndStep() throws Exception {
        String environment = "env-" + UUID.randomUUID();
        run(database, environment, null, MONDAY, 1234, null);
        awaitReports();

        JsonNode report = get("groupBy=environment&bucket=day&from=2026-05-11&to=2026-05-12");
        assertThat(report.get("groupBy").asText()).isEqualTo("environment");
        JsonNode point = series(report, environment).get(0);
        assertThat(point.get("count").asLong()).isEqualTo(1);
        assertThat(point.get("p50Ms").asDouble()).isEqualTo(1234.0);
        assertThat(point.has("estimateRatio")).as("no estimate, no ratio").isFalse();
        assertThat(send("groupBy=kind", "*/*").headers().firstValue("Content-Type").orElseThrow())
                .as("JSON unless CSV is asked for").startsWith("application/json");
        assertThat(groups(get("groupBy=kind"))).contains("data");
        assertThat(groups(get("groupBy=step"))).contains("migrate");
    }

    @Test
    void aRunSlowerThanTwiceTheRollingMedianIsListedPublishedAndAlerted() throws Exception {
        context.addApplicationListener((ApplicationListener<ApplicationEvent>) event -> {
            if (event instanceof PayloadApplicationEvent<?> payload
                    && payload.getPayload() instanceof DurationRegression regression) {
                PUBLISHED.add(regression);
            }
        });
        run(database, "staging", null, MONDAY, 1000, null);
        run(database, "staging", null, MONDAY.plusSeconds(60), 1200, null);
        // two previous runs are too few to judge: not a regression, however slow
        String tooEarly = run(database, "staging", null, MONDAY.plusSeconds(120), 9000, null);
        String ordinary = run(database, "staging", null, MONDAY.plusSeconds(180), 1100, null);
        // previous four: 1000, 1200, 9000, 1100, median 1150; 2300 is exactly twice: not a regression
        String twice = run(database, "staging", null, MONDAY.plusSeconds(240), 2300, null);
        // previous five: median 1200; 5000 > 2 × 1200
        String slow = run(database, "staging", null, MONDAY.plusSeconds(300), 5000, null);
        awaitReports();

        List<JsonNode> regressions = StreamSupport.stream(get("").get("regressions").spliterator(), false)
                .filter(regression -> regression.get("database").asText().equals(database)).toList();
        assertThat(regressions).extracting(regression -> regression.get("migrationId").asText())
                .containsExactly(slow, slow)
                .doesNotContain(tooEarly, ordinary, twice);
        JsonNode whole = regressions.get(0);
        assertThat(whole.has("phase")).as("the whole migration").isFalse();
        assertThat(whole.get("durationMs").asLong()).isEqualTo(5000);
        assertThat(whole.get("rollingMedianMs").asLong()).isEqualTo(1200);
        assertThat(whole.get("factor").asDouble()).isCloseTo(5000.0 / 1200, within(1e-9));
        assertThat(whole.get("previousRuns").asInt()).isEqualTo(5);
        assertThat(regressions.get(1).get("phase").asText()).isEqualTo(PHASE);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(PUBLISHED).filteredOn(regression -> regression.migrationId().equals(slow))
                        .extracting(DurationRegression::phase).containsExactlyInAnyOrder(null, PHASE));
        assertThat(PUBLISHED).filteredOn(regression -> regression.migrationId().equals(slow) && regression.phase() == null)
                .singleElement().satisfies(regression -> {
                    assertThat(regression.durationMs()).isEqualTo(5000);
                    assertThat(regression.rollingMedianMs()).isEqualTo(1200);
                    assertThat(regression.eventId().toString()).isEqualTo(whole.get("eventId").asText());
                });

        UUID completion = client.events(slow).stream().map(RecordedEvent::event)
                .filter(event -> event instanceof Completed).findFirst().orElseThrow().eventId();
        assertThat(whole.get("eventId").asText()).as("kept under the event that measured it")
                .isEqualTo(completion.toString());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(alerts(slow))
                .extracting(alert -> alert.get("cause").asText() + " " + alert.get("state").asText() + " "
                        + alert.get("raisedByEventId").asText())
                .containsExactlyInAnyOrder("duration-regression:migration firing " + completion,
                        "duration-regression:" + PHASE + " firing " + completion));
        assertThat(alerts(twice)).as("no regression, no alert").isEmpty();
    }

    private List<JsonNode> alerts(String migrationId) throws Exception {
        HttpResponse<String> response = HTTP.send(TestTokens.authorized(HttpRequest.newBuilder(
                URI.create(base() + "/api/v1/alerts?migrationId=" + migrationId)), port).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> alerts = new ArrayList<>();
        JSON.readTree(response.body()).forEach(alerts::add);
        return alerts;
    }

    @Test
    void aProdMigrationIsPredictedFromItsStagingRunAndTheDatabasesRatio() throws Exception {
        String a = "sha256:a-" + UUID.randomUUID();
        String b = "sha256:b-" + UUID.randomUUID();
        String c = "sha256:c-" + UUID.randomUUID();
        run(database, "staging", a, MONDAY, 1000, null);
        run(database, "prod", a, MONDAY.plusSeconds(60), 3000, null);
        run(database, "staging", b, MONDAY.plusSeconds(120), 2000, null);
        run(database, "prod", b, MONDAY.plusSeconds(180), 4000, null);
        String stagingC = run(database, "staging", c, MONDAY.plusSeconds(240), 4000, null);
        String pending = "c-" + UUID.randomUUID() + "@prod";
        client.plan(plan(pending, database, "prod", c, 60L));
        awaitReports();

        JsonNode prediction = StreamSupport.stream(get("").get("predictions").spliterator(), false)
                .filter(candidate -> candidate.get("migrationId").asText().equals(pending))
                .findFirst().orElseThrow();
        assertThat(prediction.get("group").asText()).isEqualTo(database);
        assertThat(prediction.get("checksum").asText()).isEqualTo(c);
        assertThat(prediction.get("fromEnvironment").asText()).isEqualTo("staging");
        assertThat(prediction.get("fromMigrationId").asText()).isEqualTo(stagingC);
        assertThat(prediction.get("fromDurationMs").asLong()).isEqualTo(4000);
        // prod/staging: a 3.0, b 2.0; the median of two is their mean
        assertThat(prediction.get("ratio").asDouble()).isCloseTo(2.5, within(1e-9));
        assertThat(prediction.get("ratioSamples").asInt()).isEqualTo(2);
        assertThat(prediction.get("expectedMs").asLong()).isEqualTo(10000);
        assertThat(prediction.get("estimatedSeconds").asLong()).isEqualTo(60);
    }

    @Test
    void csvHasOneRowPerGroupAndBucketQuotedAsRfc4180() throws Exception {
        String awkward = "csv \"db\", " + UUID.randomUUID();
        run(awkward, "staging", null, MONDAY, 1500, 3L);
        run(awkward, "staging", null, MONDAY.plus(Duration.ofDays(1)), 2500, 3L);
        awaitReports();

        HttpResponse<String> response = send("groupBy=database&bucket=day&from=2026-05-11&to=2026-05-13", "text/csv");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] lines = response.body().split("\r\n", -1);
        assertThat(lines[0]).isEqualTo("group,bucket,count,p50Ms,p95Ms,maxMs,overBudget,overBudgetShare,"
                + "estimateRatio,phaseCount,phaseP50Ms,phaseP95Ms,phaseMaxMs,phaseEstimateRatio");
        String quoted = "\"" + awkward.replace("\"", "\"\"") + "\"";
        assertThat(lines).contains(
                quoted + ",2026-05-11,1,1500.0,1500.0,1500,0,0.0,0.5,1,1500.0,1500.0,1500,0.5",
                quoted + ",2026-05-12,1,2500.0,2500.0,2500,0,0.0,0.8333333333333334,1,2500.0,2500.0,2500,0.8333333333333334");
        assertThat(lines[lines.length - 1]).as("every row ends with CRLF").isEmpty();
    }

    @Test
    void everyInvalidParameterIsNamed() throws Exception {
        HttpResponse<String> response = send("groupBy=owner&bucket=year&from=yesterday&to=2026-13-01", "application/json");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("errors")).extracting(error -> error.get("field").asText())
                .containsExactly("groupBy", "bucket", "from", "to");
        assertThat(problem.get("detail").asText()).contains("database, environment, kind, step", "day, week, month");

        HttpResponse<String> backwards = send("from=2026-05-12&to=2026-05-11T00:00:00Z", "text/csv");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.headers().firstValue("Content-Type").orElseThrow()).contains("problem+json");
        assertThat(JSON.readTree(backwards.body()).get("errors").get(0).get("field").asText()).isEqualTo("to");
    }

    @Test
    void unknownRepeatedAndUnstorableParametersAreNamedAsEveryOtherEndpointDoes() throws Exception {
        assertRefused("foo=1", "foo", "unknown parameter");
        assertRefused("groupBy=kind&groupBy=step", "groupBy", "given 2 times");
        assertRefused("from=-5000-01-01", "from", "must be in the years 0001 through 9999");
        assertRefused("to=%2B300000-01-01T00:00:00Z", "to", "must be in the years 0001 through 9999");
        assertRefused("from=-1000000000-01-01T00:00:00Z", "from", "");
    }

    @Test
    void aFromAfterTheDefaultToIsRefusedAsAnExplicitOneIs() throws Exception {
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();

        assertRefused("from=" + tomorrow, "from", "must be before to, which defaulted to now (");
        assertThat(send("from=" + tomorrow, "text/csv").statusCode()).isEqualTo(400);
    }

    @Test
    void aReplayRebuildsTheSameReportAndDoesNotCountTheHistogramsTwice() throws Exception {
        run(database, "staging", "sha256:r-" + UUID.randomUUID(), MONDAY, 1000, 1L);
        run(database, "staging", null, MONDAY.plusSeconds(60), 1100, 1L);
        run(database, "staging", null, MONDAY.plusSeconds(120), 900, 1L);
        run(database, "staging", null, MONDAY.plusSeconds(180), 7000, 1L);
        client.plan(plan("pending-" + UUID.randomUUID() + "@prod", database, "prod", null, null));
        awaitReports();
        // @SpringBootTest turns metric export off, so the registry is asked directly rather than /actuator/prometheus
        await().atMost(Duration.ofSeconds(10)).until(() -> migrationsTimed() == 4);
        assertThat(meters.get("ledger.phase.duration").tag("database", database).timer().count()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(10)).until(this::reportsCaughtUp);
        JsonNode live = get("groupBy=database&bucket=week");

        HttpResponse<String> replay = HTTP.send(TestTokens.admin(HttpRequest.newBuilder(
                        URI.create(base() + "/api/v1/admin/projections/reports/replay")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(this::reportsCaughtUp);

        assertThat(get("groupBy=database&bucket=week")).isEqualTo(live);
        assertThat(migrationsTimed()).as("a replay is not timed again").isEqualTo(4);
    }

    @Test
    void runsAreJudgedInLedgerOrderBecauseTheProcessorHasOneSequence() {
        assertThat(processing.sequencingPolicy(DurationProjector.PROCESSING_GROUP)).isInstanceOf(SequentialPolicy.class);
    }

    /** Plans and runs a one-phase migration whose duration is exactly {@code durationMs}. */
    private String run(String database, String environment, String checksum, Instant start, long durationMs,
            Long estimatedSeconds) {
        String id = "m-" + UUID.randomUUID() + "@" + environment;
        client.plan(plan(id, database, environment, checksum, estimatedSeconds));
        Instant applied = start.plusMillis(durationMs);
        client.post(id, new PhaseStarted(UUID.randomUUID(), start, "ci-runner", Ledgers.CI, PHASE));
        client.post(id, new PhaseApplied(UUID.randomUUID(), applied, "ci-runner", Ledgers.CI, PHASE, durationMs,
                10L, 0L, null));
        client.post(id, new Verified(UUID.randomUUID(), applied, "ci-runner", Ledgers.CI, PHASE, List.of("rows"), null));
        return id;
    }

    private static MigrationPlan plan(String id, String database, String environment, String checksum,
            Long estimatedSeconds) {
        return new MigrationPlan(id, database, environment, "7", "Backfill", checksum, MigrationKind.DATA,
                MigrationStep.MIGRATE, "alice", List.of("bob"), Severity.LOW, estimatedSeconds, null,
                List.of(new Phase(PHASE, "UPDATE t SET c = 1", "SELECT 1", null, true, estimatedSeconds)),
                List.of(), List.of());
    }

    private void awaitReports() {
        await().atMost(Duration.ofSeconds(30)).until(this::reportsCaughtUp);
    }

    private boolean reportsCaughtUp() throws Exception {
        HttpResponse<String> response = HTTP.send(TestTokens.admin(HttpRequest.newBuilder(
                URI.create(base() + "/api/v1/admin/projections/reports"))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode status = JSON.readTree(response.body());
        // Axon keeps a replay token until an event beyond the reset point arrives, so a finished replay with no
        // newer event still says replaying: its progress tells that it is done.
        return status.get("lagEvents").asLong() == 0
                && (!status.get("replaying").asBoolean() || status.get("replayProgress").asDouble() >= 1.0);
    }

    private JsonNode get(String query) throws Exception {
        HttpResponse<String> response = send(query, "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String query, String accept) throws Exception {
        return HTTP.send(TestTokens.authorized(HttpRequest.newBuilder(
                        URI.create(base() + "/api/v1/reports/durations?" + query)), port)
                .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long migrationsTimed() {
        Timer timer = meters.find("ledger.migration.duration")
                .tags("database", database, "environment", "staging", "kind", "data").timer();
        return timer == null ? 0 : timer.count();
    }

    private static JsonNode series(JsonNode report, String group) {
        return StreamSupport.stream(report.get("series").spliterator(), false)
                .filter(series -> series.get("group").asText().equals(group))
                .findFirst().orElseThrow(() -> new AssertionError("no series " + group + " in " + report))
                .get("points");
    }

    private static List<String> groups(JsonNode report) {
        return StreamSupport.stream(report.get("series").spliterator(), false)
                .map(series -> series.get("group").asText()).toList();
    }

    private void assertRefused(String query, String field, String message) throws Exception {
        HttpResponse<String> response = send(query, "application/json");
        assertThat(response.statusCode()).as(query).isEqualTo(400);
        JsonNode errors = JSON.readTree(response.body()).get("errors");
        assertThat(errors).as(query).singleElement().satisfies(error -> {
            assertThat(error.get("field").asText()).isEqualTo(field);
            assertThat(error.get("message").asText()).contains(message);
        });
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
