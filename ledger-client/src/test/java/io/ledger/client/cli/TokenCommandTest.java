package io.ledger.client.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCommandTest {

    @TempDir
    Path workingDirectory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String url = "http://127.0.0.1:1";

    @Test
    void anExpiryPastTheYear9999IsAUsageErrorSayingHowLongIsAllowed() {
        int exit = token("create", "r1", "--role", "runner", "--database", "x", "--environment", "y",
                "--expires-in", "99999999999999d");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--expires-in must end before +10000-01-01T00:00:00Z")
                .containsPattern("at most \\d{7}d, was '99999999999999d'")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aUrlEndingInTheApiPathIsAUsageErrorNamingTheOption() {
        url = "http://127.0.0.1:1/api/v1/";

        int exit = token("list");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--url (or LEDGER_URL) is the ledger's root URL, without /api/v1 (the "
                + "client adds it): use http://127.0.0.1:1, was http://127.0.0.1:1/api/v1/");
    }

    /** {@code ledger token SUBCOMMAND --url ... --token ... ARGUMENTS...}. */
    private int token(String subcommand, String... arguments) {
        List<String> line = new ArrayList<>(List.of("token", subcommand, "--url", url, "--token", "mlg_admin"));
        line.addAll(List.of(arguments));
        return LedgerCommand.commandLine(workingDirectory).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(line.toArray(String[]::new));
    }
}
