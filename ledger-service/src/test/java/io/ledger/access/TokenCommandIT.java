package io.ledger.access;

import io.ledger.LedgerServiceTest;
import io.ledger.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ledger token create|list|revoke}: the command-line tool as shipped (ledger.jar), against the service. */
@LedgerServiceTest
class TokenCommandIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @TempDir
    Path output;

    private final String name = "ci-payments-" + UUID.randomUUID().toString().substring(0, 8);

    record Run(int exit, String out, String err) {
    }

    @Test
    void anAdminCreatesListsAndRevokesATokenWhoseSecretAloneIsPrinted() throws Exception {
        Run created = ledger(Map.of("LEDGER_TOKEN", TestTokens.BOOTSTRAP), "token", "create", name,
                "--role", "runner", "--role", "approver", "--database", "payments-*", "--environment", "staging",
                "--expires-in", "30d");

        assertThat(created.exit()).as(created.err()).isZero();
        String secret = created.out().strip();
        assertThat(secret).startsWith("mlg_").doesNotContainAnyWhitespaces();
        assertThat(created.err()).contains("created token " + name + " (roles runner,approver; databases payments-*; "
                + "environments staging; expires 20");
        assertThat(lint(secret)).isEqualTo(200);

        Run listed = ledger(Map.of("LEDGER_TOKEN", TestTokens.BOOTSTRAP), "token", "list");
        assertThat(listed.exit()).isZero();
        assertThat(listed.out()).contains(name + "\tactive\troles runner,approver").doesNotContain(secret);

        Run revoked = ledger(Map.of("LEDGER_TOKEN", TestTokens.BOOTSTRAP), "token", "revoke", name);
        assertThat(revoked.exit()).isZero();
        assertThat(revoked.out()).startsWith("revoked token " + name + " at ");
        assertThat(lint(secret)).isEqualTo(401);
        assertThat(ledger(Map.of("LEDGER_TOKEN", TestTokens.BOOTSTRAP), "token", "list").out())
                .contains(name + "\trevoked ");
    }

    @Test
    void aRefusedTokenExitsThreeWhatTheLedgerRefusesOneAndABadCommandLineTwo() throws Exception {
        Run notAdmin = ledger(Map.of("LEDGER_TOKEN", TestTokens.ci(port)), "token", "list");
        assertThat(notAdmin.exit()).isEqualTo(3);
        assertThat(notAdmin.err()).contains("the ledger refused the token: ").contains("403");

        Run invalid = ledger(Map.of("LEDGER_TOKEN", TestTokens.BOOTSTRAP), "token", "create", "bad name",
                "--role", "auditor");
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.err()).contains("name: not a token name");

        Run unscoped = ledger(Map.of("LEDGER_TOKEN", TestTokens.BOOTSTRAP), "token", "create", name,
                "--role", "runner");
        assertThat(unscoped.exit()).isEqualTo(2);
        assertThat(unscoped.err()).contains("A runner or approver token needs a scope");

        Run scopedAuditor = ledger(Map.of("LEDGER_TOKEN", TestTokens.BOOTSTRAP), "token", "create", name,
                "--role", "auditor", "--database", "orders-db", "--environment", "prod");
        assertThat(scopedAuditor.exit()).isEqualTo(2);
        assertThat(scopedAuditor.err()).contains("a scope would not limit them");

        Run unknownRole = ledger(Map.of("LEDGER_TOKEN", TestTokens.BOOTSTRAP), "token", "create", name,
                "--role", "root");
        assertThat(unknownRole.exit()).isEqualTo(2);
        assertThat(unknownRole.err()).contains("Unknown role 'root'");

        Run noToken = ledger(Map.of(), "token", "list");
        assertThat(noToken.exit()).isEqualTo(2);
        assertThat(noToken.err()).contains("Missing a token: set LEDGER_TOKEN");

        Run badExpiry = ledger(Map.of("LEDGER_TOKEN", TestTokens.BOOTSTRAP), "token", "create", name,
                "--role", "auditor", "--expires-in", "soon");
        assertThat(badExpiry.exit()).isEqualTo(2);
        assertThat(badExpiry.err()).contains("--expires-in is not a positive duration");
    }

    private int lint(String secret) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/lint"))
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sql\":\"SELECT 1;\"}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Run ledger(Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", Path.of("..", "ledger-client", "target", "ledger.jar").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--url", "http://127.0.0.1:" + port));
        Path out = Files.createTempFile(output, "out", ".txt");
        Path err = Files.createTempFile(output, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("LEDGER_TOKEN");
        builder.environment().remove("LEDGER_URL");
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
