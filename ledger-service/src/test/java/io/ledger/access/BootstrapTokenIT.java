package io.ledger.access;

import io.ledger.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The first start of a ledger without LEDGER_BOOTSTRAP_TOKEN, as a new user runs it: the packaged service. */
class BootstrapTokenIT {

    private static final Pattern PRINTED = Pattern.compile("store it now: (mlg_\\S+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path root;

    @Test
    void theFirstStartPrintsAGeneratedAdminTokenOnceAndLaterStartsKeepIt() throws Exception {
        Path data = root.resolve("data");
        String secret;
        try (ServiceProcess first = ServiceProcess.start(data, "--ledger.access.bootstrap-token=")) {
            List<String> printed = printedSecrets(first.log());
            assertThat(printed).hasSize(1);
            secret = printed.get(0);
            HttpResponse<String> tokens = tokens(first.port(), secret);
            assertThat(tokens.statusCode()).isEqualTo(200);
            assertThat(tokens.body()).contains("\"name\":\"admin\"").contains("\"roles\":[\"admin\"]");
        }
        try (ServiceProcess second = ServiceProcess.start(data, "--ledger.access.bootstrap-token=")) {
            assertThat(printedSecrets(second.log())).isEmpty();
            assertThat(Files.readString(second.log())).doesNotContain("Created the first admin token");
            assertThat(tokens(second.port(), secret).statusCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secretsTooShort")
    void aSecretTooShortToBeSafeStopsTheStartBeforeTheLedgerIsCreated(String setting, String problem, String action)
            throws Exception {
        Path data = root.resolve("data");

        ServiceProcess.Exit exit = ServiceProcess.startFailing(ServiceProcess.freePort(), data,
                "--" + setting + "=letmein");

        exit.assertStoppedAtOnce(problem, action);
        assertThat(data.resolve("postgres")).doesNotExist();
    }

    static Stream<Arguments> secretsTooShort() {
        return Stream.of(
                Arguments.of("ledger.access.bootstrap-token", "LEDGER_BOOTSTRAP_TOKEN (ledger.access.bootstrap-token) "
                        + "must have at least 32 characters.", "Generate one with 'openssl rand -base64 32', or leave "
                        + "it unset and read the generated token in the log of the next start."),
                Arguments.of("ledger.access.recovery-token", "LEDGER_RECOVERY_TOKEN (ledger.access.recovery-token) "
                        + "must have at least 32 characters.", "Generate one with 'openssl rand -base64 32'."));
    }

    private static List<String> printedSecrets(Path log) throws Exception {
        Matcher matcher = PRINTED.matcher(Files.readString(log));
        return matcher.results().map(match -> match.group(1)).toList();
    }

    private static HttpResponse<String> tokens(int port, String secret) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/admin/tokens"))
                .header("Authorization", "Bearer " + secret).build(), HttpResponse.BodyHandlers.ofString());
    }
}
