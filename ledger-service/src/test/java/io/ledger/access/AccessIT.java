package io.ledger.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.LedgerServiceTest;
import io.ledger.TestTokens;
import io.ledger.api.access.Role;
import io.ledger.api.access.TokenScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Tokens from issue to revocation, and what the ledger records of who called. */
@LedgerServiceTest
@ExtendWith(OutputCaptureExtension.class)
class AccessIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Tokens tokens;

    @Autowired
    TransactionTemplate transactions;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String database = "orders-db-" + run;

    @Test
    void everyEventNamesTheTokenThatRecordedItAsItsPrincipal() throws IOException {
        String runner = "ci-orders-" + run;
        String secret = runnerToken(runner);
        String id = plan(secret, "alice");

        assertThat(post(secret, id, event("precheck-recorded", "erin", ",\"check\":\"backup-taken\",\"status\":\"passed\""))
                .statusCode()).isEqualTo(201);
        HttpResponse<String> started = post(secret, id, event("phase-started", "erin", ",\"phase\":\"p1\""));
        assertThat(json(started).get("principal").asText()).isEqualTo(runner);

        JsonNode events = json(get(secret, "/api/v1/migrations/" + encode(id) + "/events"));
        List<String> principals = new ArrayList<>();
        List<String> actors = new ArrayList<>();
        events.forEach(event -> {
            principals.add(event.get("principal").asText());
            actors.add(event.at("/event/actor").asText());
        });
        // planned, the ledger's own prechecked (the plan requires none), precheck-recorded, phase-started: the
        // principal is the token whose request recorded each, the actor the person named
        assertThat(principals).hasSize(4).containsOnly(runner);
        assertThat(actors).containsExactly("alice", "ledger", "erin", "erin");
    }

    @Test
    void aBodyMayNameAPersonButNotAnotherToken() throws IOException {
        String secret = runnerToken("runner-" + run);
        String approver = "approver-" + run;
        String approverSecret = token(approver, List.of(Role.APPROVER), scope());
        String id = plan(secret, "alice");

        HttpResponse<String> impersonating = post(secret, id, event("phase-started", approver.toUpperCase(),
                ",\"phase\":\"p1\""));
        assertThat(impersonating.statusCode()).isEqualTo(403);
        assertThat(json(impersonating).get("detail").asText()).contains("actor '" + approver.toUpperCase()
                + "' is the name of another token");

        String fullWidth = approver.chars().mapToObj(c -> Character.toString(c + 0xFEE0))
                .collect(Collectors.joining());
        assertThat(post(secret, id, event("phase-started", fullWidth, ",\"phase\":\"p1\"")).statusCode())
                .as("a token's name written in full-width letters").isEqualTo(403);
        String cyrillic = approver.replace('a', '\u0430').replace('o', '\u043e').replace('e', '\u0435');
        assertThat(post(secret, id, event("phase-started", cyrillic, ",\"phase\":\"p1\"")).statusCode())
                .as("a token's name written with Cyrillic look-alike letters").isEqualTo(403);

        HttpResponse<String> signingAsAnotherToken = post(approverSecret, id, event("signed-off", approver,
                ",\"role\":\"dba\",\"signer\":\"runner-" + run + "\""));
        assertThat(signingAsAnotherToken.statusCode()).isEqualTo(403);
        assertThat(json(signingAsAnotherToken).get("detail").asText()).contains("signer 'runner-" + run + "'");
        assertThat(json(get(secret, "/api/v1/migrations/" + encode(id) + "/events")).size())
                .as("planned and prechecked only").isEqualTo(2);
    }

    @Test
    void theOwnersOwnTokenCannotSignOffWhateverSignerItNames() throws IOException {
        String owner = "owner-" + run;
        String ownersSecret = token(owner, List.of(Role.APPROVER), scope());
        String id = plan(runnerToken("runner-" + run), owner);

        HttpResponse<String> refused = post(ownersSecret, id, event("signed-off", "dana",
                ",\"role\":\"dba\",\"signer\":\"dana\""));

        assertThat(refused.statusCode()).isEqualTo(409);
        List<String> reasons = new ArrayList<>();
        json(refused).get("reasons").forEach(reason -> reasons.add(reason.get("rule").asText() + ": "
                + reason.get("message").asText()));
        assertThat(reasons).anySatisfy(reason -> assertThat(reason).startsWith("signer-is-owner: token " + owner));
    }

    @Test
    void aRunnerScopedToStagingCannotPlanOrWriteInProd() throws IOException {
        String stagingOnly = token("staging-runner-" + run, List.of(Role.RUNNER),
                new TokenScope(List.of(database), List.of("dev", "staging")));
        String prod = "orders-v1-" + run + "@prod";

        HttpResponse<String> planned = call("POST", "/api/v1/migrations", planJson(prod, "prod", "alice"), stagingOnly);
        assertThat(planned.statusCode()).isEqualTo(403);
        assertThat(json(planned).get("detail").asText()).contains(database + " in prod is outside its scope");

        String everywhere = runnerToken("runner-" + run);
        assertThat(call("POST", "/api/v1/migrations", planJson(prod, "prod", "alice"), everywhere).statusCode())
                .isEqualTo(201);
        HttpResponse<String> posted = post(stagingOnly, prod, event("phase-applied", "erin",
                ",\"phase\":\"p1\",\"durationMs\":5"));
        assertThat(posted.statusCode()).isEqualTo(403);
        String stagingApprover = token("staging-approver-" + run, List.of(Role.APPROVER),
                new TokenScope(List.of(database), List.of("staging")));
        HttpResponse<String> signed = post(stagingApprover, prod, event("signed-off", "erin",
                ",\"role\":\"dba\",\"signer\":\"runner-" + run + "\""));
        assertThat(signed.statusCode()).isEqualTo(403);
        assertThat(json(signed).get("detail").asText()).as("the scope, not whether the signer names a token")
                .contains("outside its scope");
        assertThat(json(get(everywhere, "/api/v1/migrations/" + encode(prod) + "/events")).size())
                .as("planned and prechecked only").isEqualTo(2);
        assertThat(get(stagingOnly, "/api/v1/migrations/" + encode(prod)).statusCode()).isEqualTo(403);
    }

    @Test
    void anEventIdTakenInAMigrationOutOfScopeIsRefusedWithoutNamingIt() {
        String everywhere = runnerToken("runner-" + run);
        String prod = "orders-v1-" + UUID.randomUUID() + "@prod";
        assertThat(call("POST", "/api/v1/migrations", planJson(prod, "prod", "alice"), everywhere).statusCode())
                .isEqualTo(201);
        String staging = plan(everywhere, "alice");
        String stagingOnly = token("staging-runner-" + run, List.of(Role.RUNNER),
                new TokenScope(List.of(database), List.of("staging")));
        UUID eventId = UUID.randomUUID();
        String progress = "{\"eventId\":\"" + eventId + "\",\"type\":\"progress\",\"occurredAt\":\""
                + Instant.now() + "\",\"actor\":\"erin\",\"phase\":\"p1\",\"rowsDone\":%d}";
        assertThat(post(everywhere, prod, progress.formatted(1)).statusCode()).isEqualTo(201);

        HttpResponse<String> taken = post(stagingOnly, staging, progress.formatted(2));

        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.body()).contains("is an event of another migration").doesNotContain(prod);
        assertThat(post(everywhere, staging, progress.formatted(2)).body()).as("a caller who may read it")
                .contains("of migration " + prod);
    }

    /** Spring matches paths decoded; a check that read the raw path would see another migration, or none. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/migrations/%s", "/%%61pi/v1/migrations/%s", "/api/v1/%%6digrations/%s/events",
            "/api/v1/migration%%73/%s/timeline", "/api/v1/migrations/%s/compliance"})
    void aRunnerScopedToStagingCannotReadAProdMigrationHoweverThePathIsSpelled(String path) {
        String prod = "orders-v1-" + UUID.randomUUID() + "@prod";
        assertThat(call("POST", "/api/v1/migrations", planJson(prod, "prod", "alice"), runnerToken("planner-" + run))
                .statusCode()).isEqualTo(201);
        String staging = token("staging-" + run, List.of(Role.RUNNER, Role.APPROVER),
                new TokenScope(List.of(database), List.of("staging")));

        HttpResponse<String> read = get(staging, path.formatted(encode(prod)));

        assertThat(read.statusCode()).as(read.body()).isEqualTo(403);
        assertThat(read.body()).contains("prod").doesNotContain("\"phases\"");
    }

    @Test
    void aSecretIsShownOnceAndStoredOnlyAsItsHash() throws Exception {
        String name = "hashed-" + run;
        String secret = token(name, List.of(Role.AUDITOR), null);

        assertThat(secret).startsWith("mlg_").hasSizeGreaterThanOrEqualTo(40);
        byte[] stored = jdbc.queryForObject("SELECT secret_hash FROM api_token WHERE name = ?", byte[].class, name);
        assertThat(stored).isEqualTo(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        String row = jdbc.queryForObject("SELECT row_to_json(t)::text FROM api_token t WHERE name = ?", String.class, name);
        assertThat(row).doesNotContain(secret.substring(4));
        JsonNode listed = json(call("GET", "/api/v1/admin/tokens", null, TestTokens.BOOTSTRAP));
        assertThat(listed.toString()).contains(name).doesNotContain(secret.substring(4));
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceAndItsNameIsNeverReused() throws IOException {
        String name = "revoked-" + run;
        String secret = token(name, List.of(Role.AUDITOR), null);
        assertThat(get(secret, "/api/v1/history?database=" + database).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = call("DELETE", "/api/v1/admin/tokens/" + name, null, TestTokens.BOOTSTRAP);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(revoked).get("revokedBy").asText()).isEqualTo("admin");

        HttpResponse<String> refused = get(secret, "/api/v1/history?database=" + database);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json(refused).get("detail").asText()).contains("token " + name + " was revoked at");
        HttpResponse<String> again = call("POST", "/api/v1/admin/tokens",
                "{\"name\":\"" + name.toUpperCase() + "\",\"roles\":[\"auditor\"]}", TestTokens.BOOTSTRAP);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("detail").asText()).contains("names are never reused");
    }

    @Test
    void theLastWorkingAdminTokenCannotBeRevoked() throws IOException {
        HttpResponse<String> refused = call("DELETE", "/api/v1/admin/tokens/admin", null, TestTokens.BOOTSTRAP);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("detail").asText()).contains("last admin token");
        assertThat(call("GET", "/api/v1/admin/tokens", null, TestTokens.BOOTSTRAP).statusCode()).isEqualTo(200);
    }

    @Test
    void theLastAdminTokenWithoutAnExpiryCannotBeRevokedWhileTheOtherAdminsExpire() throws IOException {
        onlyTheFirstAdminWorksWithoutAnExpiry();
        String expiring = "expiring-admin-" + run;
        HttpResponse<String> issued = call("POST", "/api/v1/admin/tokens", "{\"name\":\"" + expiring
                + "\",\"roles\":[\"admin\"],\"expiresAt\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\"}",
                TestTokens.BOOTSTRAP);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);

        HttpResponse<String> refused = call("DELETE", "/api/v1/admin/tokens/admin", null,
                json(issued).get("token").asText());

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("detail").asText())
                .contains("admin is the last admin token that works without an expiry");
        assertThat(call("GET", "/api/v1/admin/tokens", null, TestTokens.BOOTSTRAP).statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/api/v1/admin/tokens/" + expiring, null, TestTokens.BOOTSTRAP).statusCode())
                .as("an expiring admin may go while one without expiry stays").isEqualTo(200);
    }

    @Test
    void twoAdminsRevokedAtTheSameTimeCannotBothGo() throws Exception {
        onlyTheFirstAdminWorksWithoutAnExpiry();
        String second = "second-admin-" + run;
        assertThat(call("POST", "/api/v1/admin/tokens", "{\"name\":\"" + second + "\",\"roles\":[\"admin\"]}",
                TestTokens.BOOTSTRAP).statusCode()).isEqualTo(201);
        CountDownLatch revoking = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        // Revoking the second admin passes its guard (admin stays) and has not committed yet...
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            assertThat(tokens.revoke(second, "admin")).isPresent();
            revoking.countDown();
            try {
                commit.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(revoking.await(20, TimeUnit.SECONDS)).isTrue();
        // ...when admin's own revocation comes: counting the second as working would leave no admin at all.
        CompletableFuture<HttpResponse<String>> last = CompletableFuture.supplyAsync(() ->
                call("DELETE", "/api/v1/admin/tokens/admin", null, TestTokens.BOOTSTRAP));
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> last.isDone()
                    || jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE NOT granted", Long.class) > 0);
        } finally {
            commit.countDown();
        }
        first.get(20, TimeUnit.SECONDS);

        HttpResponse<String> refused = last.get(20, TimeUnit.SECONDS);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).get("detail").asText()).contains("admin is the last admin token");
        assertThat(call("GET", "/api/v1/admin/tokens", null, TestTokens.BOOTSTRAP).statusCode()).isEqualTo(200);
    }

    @Test
    void anExpiredTokenIsRefusedSayingSo() throws IOException {
        String name = "expiring-" + run;
        HttpResponse<String> issued = call("POST", "/api/v1/admin/tokens", "{\"name\":\"" + name
                + "\",\"roles\":[\"auditor\"],\"expiresAt\":\"" + Instant.now().plusSeconds(2) + "\"}", TestTokens.BOOTSTRAP);
        String secret = json(issued).get("token").asText();
        assertThat(get(secret, "/api/v1/history?database=" + database).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get(secret, "/api/v1/history?database=" + database).statusCode()).isEqualTo(401));
        assertThat(json(get(secret, "/api/v1/history")).get("detail").asText()).contains("token " + name + " expired at");
    }

    @Test
    void aBadTokenRequestIsRefusedNamingEachFault() throws IOException {
        HttpResponse<String> refused = call("POST", "/api/v1/admin/tokens", """
                {"name": "-bad name", "roles": ["runner"], "expiresAt": "2020-01-01T00:00:00Z"}
                """, TestTokens.BOOTSTRAP);
        assertThat(refused.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        json(refused).get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("name", "scope", "expiresAt");
        assertThat(json(refused).get("detail").asText()).contains("name: not a token name: 1 to 64 letters");

        HttpResponse<String> badPattern = call("POST", "/api/v1/admin/tokens", """
                {"name": "pattern-%s", "roles": ["runner"], "scope": {"databases": ["orders db"], "environments": []}}
                """.formatted(run), TestTokens.BOOTSTRAP);
        assertThat(badPattern.statusCode()).isEqualTo(400);
        assertThat(badPattern.body()).contains("scope.databases").contains("scope.environments");

        HttpResponse<String> scopedAuditor = call("POST", "/api/v1/admin/tokens", """
                {"name": "scoped-%s", "roles": ["auditor"], "scope": {"databases": ["a"], "environments": ["b"]}}
                """.formatted(run), TestTokens.BOOTSTRAP);
        assertThat(scopedAuditor.statusCode()).isEqualTo(400);
        assertThat(json(scopedAuditor).at("/errors/0/field").asText()).isEqualTo("scope");
        assertThat(json(scopedAuditor).at("/errors/0/message").asText()).contains("would not limit them");

        HttpResponse<String> anonymous = call("POST", "/api/v1/admin/tokens",
                "{\"name\":\"Anonymous\",\"roles\":[\"auditor\"]}", TestTokens.BOOTSTRAP);
        assertThat(anonymous.statusCode()).isEqualTo(400);
        assertThat(json(anonymous).at("/errors/0/field").asText()).isEqualTo("name");

        HttpResponse<String> unknownRole = call("POST", "/api/v1/admin/tokens",
                "{\"name\":\"role-" + run + "\",\"roles\":[\"superuser\"]}", TestTokens.BOOTSTRAP);
        assertThat(unknownRole.statusCode()).isEqualTo(400);
        assertThat(unknownRole.body()).contains("roles");
        assertThat(call("GET", "/api/v1/admin/tokens", null, TestTokens.BOOTSTRAP).body())
                .doesNotContain("pattern-" + run).doesNotContain("role-" + run).doesNotContain("scoped-" + run);
    }

    @Test
    void aTokenExpiringPastTheYear9999IsRefusedAndNotCreated() throws IOException {
        HttpResponse<String> refused = call("POST", "/api/v1/admin/tokens", """
                {"name": "far-%s", "roles": ["auditor"], "expiresAt": "+300000-01-01T00:00:00Z"}
                """.formatted(run), TestTokens.BOOTSTRAP);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json(refused).at("/errors/0/field").asText()).isEqualTo("expiresAt");
        assertThat(json(refused).at("/errors/0/message").asText()).startsWith("must be in the years 0001 through 9999");
        assertThat(call("GET", "/api/v1/admin/tokens", null, TestTokens.BOOTSTRAP).body()).doesNotContain("far-" + run);
    }

    @Test
    void theAuditorsReadsRefuseAWindowOrCursorTheLedgerCannotAnswer() throws IOException {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("from=2026-06-01T00:00:00Z&to=2026-05-01T00:00:00Z", "to");
        refused.put("from=-1000000000-01-01T00:00:00Z", "from");
        refused.put("to=%2B300000-01-01T00:00:00Z", "to");
        refused.put("cursor=-5", "cursor");
        refused.put("cursor=0", "cursor");
        refused.put("limit=1&limit=2", "limit");
        for (Map.Entry<String, String> query : refused.entrySet()) {
            HttpResponse<String> response = call("GET", "/api/v1/admin/reads?" + query.getKey(), null,
                    TestTokens.BOOTSTRAP);
            assertThat(response.statusCode()).as(query.getKey()).isEqualTo(400);
            assertThat(json(response).at("/errors/0/field").asText()).as(query.getKey()).isEqualTo(query.getValue());
        }
    }

    @Test
    void auditorsReadsAreRecordedForAdminsAndOthersAreNot() throws IOException {
        String auditor = "auditor-" + run;
        String auditorSecret = token(auditor, List.of(Role.AUDITOR), null);
        String runner = "runner-" + run;
        String id = plan(runnerToken(runner), "alice");

        assertThat(get(auditorSecret, "/api/v1/history?database=" + database).statusCode()).isEqualTo(200);
        assertThat(get(auditorSecret, "/api/v1/migrations/" + encode(id)).statusCode()).isEqualTo(200);
        assertThat(get(auditorSecret, "/api/v1/migrations/no-such-" + run).statusCode()).isEqualTo(404);
        assertThat(get(auditorSecret, "/%61pi/v1/migration%73/" + encode(id) + "/events").statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/ledger/verify", "{\"events\": 0}", auditorSecret).statusCode())
                .isEqualTo(400);

        JsonNode reads = json(call("GET", "/api/v1/admin/reads?token=" + auditor.toUpperCase(Locale.ROOT), null,
                TestTokens.BOOTSTRAP)).get("reads");
        assertThat(reads).hasSize(5);
        assertThat(reads.get(4).get("path").asText()).isEqualTo("/api/v1/history");
        assertThat(reads.get(4).get("query").asText()).isEqualTo("database=" + database);
        assertThat(reads.get(4).get("status").asInt()).isEqualTo(200);
        assertThat(reads.get(2).get("status").asInt()).isEqualTo(404);
        assertThat(reads.get(1).get("path").asText()).as("as the ledger routed it")
                .isEqualTo("/api/v1/migrations/" + id + "/events");
        assertThat(reads.get(0).get("method").asText()).isEqualTo("POST");
        assertThat(reads.get(0).get("path").asText()).isEqualTo("/api/v1/ledger/verify");
        assertThat(Instant.parse(reads.get(0).get("at").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(json(call("GET", "/api/v1/admin/reads?token=" + runner, null, TestTokens.BOOTSTRAP)).get("reads"))
                .isEmpty();
        assertThat(call("GET", "/api/v1/admin/reads?token=" + auditor, null, auditorSecret).statusCode()).isEqualTo(403);

        for (String erase : List.of("DELETE FROM read_audit WHERE token = ?", "UPDATE read_audit SET status = 200 "
                + "WHERE token = ?")) {
            assertThatThrownBy(() -> jdbc.update(erase, auditor)).as(erase)
                    .hasMessageContaining("read_audit is append-only");
        }
        assertThat(json(call("GET", "/api/v1/admin/reads?token=" + auditor, null, TestTokens.BOOTSTRAP)).get("reads"))
                .hasSize(5);
    }

    @Test
    void deniedCallsAreLoggedWithWhoWhatAndWhy(CapturedOutput output) throws IOException {
        String runner = "runner-" + run;
        String secret = runnerToken(runner);

        assertThat(get(secret, "/api/v1/history?database=" + database).statusCode()).isEqualTo(403);
        assertThat(get(null, "/api/v1/history").statusCode()).isEqualTo(401);
        assertThat(call("DELETE", "/api/v1/admin/tokens/" + runner, null, TestTokens.BOOTSTRAP).statusCode())
                .isEqualTo(200);
        assertThat(get(secret, "/api/v1/timeline").statusCode()).isEqualTo(401);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(output.getOut())
                .contains("Denied 403 GET /api/v1/history to token " + runner)
                .contains("Denied 401 GET /api/v1/history to anonymous")
                .contains("Denied 401 GET /api/v1/timeline to token " + runner + " from"));
    }

    /** A proxy that read the last of two headers would let through a caller the ledger did not check. */
    @Test
    void aRequestWithTwoAuthorizationHeadersIsRefused() throws Exception {
        String auditor = token("auditor-" + run, List.of(Role.AUDITOR), null);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/history"))
                .header("Authorization", "Bearer " + auditor).header("Authorization", "Bearer not-a-token").build();

        HttpResponse<String> refused = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json(refused).get("detail").asText()).contains("more than one Authorization header");
    }

    @Test
    void headIsAnsweredAsGetIsWithoutABody() {
        String auditor = token("auditor-" + run, List.of(Role.AUDITOR), null);
        String runner = runnerToken("runner-" + run);
        String id = plan(runner, "alice");

        assertThat(call("HEAD", "/actuator/health/readiness", null, null).statusCode()).as("a probe").isEqualTo(200);
        HttpResponse<String> history = call("HEAD", "/api/v1/history?database=" + database, null, auditor);
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.body()).isEmpty();
        assertThat(call("HEAD", "/api/v1/history", null, runner).statusCode()).isEqualTo(403);
        assertThat(call("HEAD", "/api/v1/migrations/" + encode(id), null, runner).statusCode()).isEqualTo(200);
    }

    @Test
    void aMigrationPathWithoutAnIdIsNotFoundForEveryReader() {
        String runner = runnerToken("runner-" + run);
        String auditor = token("auditor-" + run, List.of(Role.AUDITOR), null);

        for (String secret : List.of(runner, auditor)) {
            HttpResponse<String> none = get(secret, "/api/v1/migrations/");
            assertThat(none.statusCode()).as(none.body()).isEqualTo(404);
            assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    @Test
    void aPathNoEndpointAnswersIsNotFoundForAGoodTokenAndWritesNothing() throws IOException {
        String runner = runnerToken("runner-" + run);
        String id = plan(runner, "alice");
        String events = "/api/v1/migrations/" + encode(id) + "/events";

        HttpResponse<String> slash = call("POST", events + "/", event("phase-started", "erin", ",\"phase\":\"p1\""),
                runner);
        assertThat(slash.statusCode()).as(slash.body()).isEqualTo(404);
        assertThat(json(slash).get("detail").asText())
                .isEqualTo("no endpoint answers POST " + events + "/ (paths end without a '/'); docs/api.md lists "
                        + "the endpoints");
        HttpResponse<String> delete = call("DELETE", "/api/v1/migrations/" + encode(id), null, TestTokens.BOOTSTRAP);
        assertThat(delete.statusCode()).as(delete.body()).isEqualTo(404);
        assertThat(delete.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(call("POST", events + "/", "{}", null).statusCode()).as("no token").isEqualTo(401);
        // planned and the ledger's prechecked, nothing else
        assertThat(json(get(runner, events))).hasSize(2);
    }

    @Test
    void aRecoverySecretCreatesAnAdminTokenOnceAndOnceRevokedItStaysRevoked(CapturedOutput output) throws IOException {
        String secret = "lost-the-admin-" + UUID.randomUUID();
        BootstrapToken start = new BootstrapToken(tokens, new AccessProperties(null, secret));

        start.run(null);

        Matcher created = Pattern.compile("Created the admin token '(recovery-[^']+)' with the secret of "
                + "LEDGER_RECOVERY_TOKEN").matcher(output.getOut());
        assertThat(created.find()).isTrue();
        String recovery = created.group(1);
        HttpResponse<String> own = call("POST", "/api/v1/admin/tokens",
                "{\"name\": \"admin-" + run + "\", \"roles\": [\"admin\"]}", secret);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        String ownSecret = json(own).get("token").asText();
        assertThat(call("DELETE", "/api/v1/admin/tokens/" + recovery, null, ownSecret).statusCode()).isEqualTo(200);

        start.run(null);

        assertThat(output.getOut()).contains("LEDGER_RECOVERY_TOKEN is set, and its secret belongs to the token '"
                + recovery + "', which is revoked; nothing was created");
        assertThat(get(secret, "/api/v1/admin/tokens").statusCode()).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_token WHERE secret_hash = ?", Long.class,
                (Object) TokenSecrets.hash(secret))).isEqualTo(1);
    }

    /** Other tests may have created admins without expiry; they share this ledger, and none reuses its admin. */
    private void onlyTheFirstAdminWorksWithoutAnExpiry() throws IOException {
        for (JsonNode token : json(call("GET", "/api/v1/admin/tokens", null, TestTokens.BOOTSTRAP))) {
            String name = token.get("name").asText();
            boolean admin = token.get("roles").toString().contains("\"admin\"");
            if (admin && !name.equals("admin") && !token.hasNonNull("expiresAt") && !token.hasNonNull("revokedAt")) {
                assertThat(call("DELETE", "/api/v1/admin/tokens/" + name, null, TestTokens.BOOTSTRAP).statusCode())
                        .isEqualTo(200);
            }
        }
    }

    private String runnerToken(String name) {
        return token(name, List.of(Role.RUNNER), scope());
    }

    private TokenScope scope() {
        return new TokenScope(List.of(database), List.of("*"));
    }

    private String token(String name, List<Role> roles, TokenScope scope) {
        return TestTokens.issue(port, name, roles, scope == null ? TokenScope.EVERYTHING : scope);
    }

    private String plan(String secret, String owner) {
        String id = "orders-v1-" + UUID.randomUUID() + "@staging";
        HttpResponse<String> planned = call("POST", "/api/v1/migrations", planJson(id, "staging", owner), secret);
        assertThat(planned.statusCode()).as(planned.body()).isEqualTo(201);
        return id;
    }

    private String planJson(String id, String environment, String owner) {
        return """
                {"id": "%s", "database": "%s", "environment": "%s", "version": "1", "kind": "schema",
                 "owner": "%s", "phases": [{"name": "p1", "action": "SELECT 1", "forwardOnly": true}]}
                """.formatted(id, database, environment, owner);
    }

    private static String event(String type, String actor, String fields) {
        return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"occurredAt\":\""
                + Instant.now() + "\",\"actor\":\"" + actor + "\"" + fields + "}";
    }

    private HttpResponse<String> post(String secret, String id, String event) {
        return call("POST", "/api/v1/migrations/" + encode(id) + "/events", event, secret);
    }

    private HttpResponse<String> get(String secret, String path) {
        return call("GET", path, null, secret);
    }

    private HttpResponse<String> call(String method, String path, String body, String secret) {
        return TestTokens.call(port, method, path, body, secret);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
