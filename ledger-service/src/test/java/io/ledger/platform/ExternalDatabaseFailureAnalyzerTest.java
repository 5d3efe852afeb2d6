package io.ledger.platform;

import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ExternalDatabaseFailureAnalyzerTest {

    private static final String URL = "jdbc:postgresql://db.example:5432/ledger";

    @Test
    void anUnknownHostIsNamed() {
        FailureAnalysis analysis = analyzer(URL).analyze(new IllegalStateException("Unable to obtain connection",
                new PSQLException("The connection attempt failed.", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                        new UnknownHostException("db.example"))));

        assertThat(analysis.getDescription())
                .isEqualTo("Cannot reach the PostgreSQL database at " + URL + ": unknown host db.example.");
        assertThat(analysis.getAction()).contains("LEDGER_DB_URL", "LEDGER_DB_USER", "LEDGER_DB_PASSWORD");
    }

    @Test
    void aPasswordInTheUrlIsNotShown() {
        FailureAnalysis analysis = analyzer(URL + "?user=ledger&password=s3cret&ssl=true").analyze(
                new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT));

        assertThat(analysis.getDescription()).contains(URL + "?user=ledger&password=****&ssl=true")
                .doesNotContain("s3cret");
    }

    @Test
    void aPasswordBeforeTheHostIsNotShownWhereTheDriverTookItForTheHostsName() {
        String url = "jdbc:postgresql://postgres:s3cret@db.example:5432/ledger";
        FailureAnalysis analysis = analyzer(url).analyze(new IllegalStateException("Unable to obtain connection",
                new PSQLException("The connection attempt failed.", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                        new UnknownHostException("postgres:s3cret@db.example"))));

        assertThat(analysis.getDescription()).doesNotContain("s3cret")
                .contains("unknown host ****@db.example (the JDBC URL takes no user:password@");
    }

    @Test
    void aDriverMessageEndingInAFullStopGetsNoSecond() {
        FailureAnalysis analysis = analyzer(URL).analyze(new PSQLException(
                "The server does not support SSL, or an error occurred while setting up the SSL connection.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT));

        assertThat(analysis.getDescription()).endsWith("the SSL connection.").doesNotEndWith("..");
    }

    @Test
    void aMissingDatabaseIsNamed() {
        // as the server reports it: severity, SQL state and message
        FailureAnalysis analysis = analyzer(URL).analyze(new PSQLException(
                new ServerErrorMessage("SFATAL\0C3D000\0Mdatabase \"ledger\" does not exist\0")));

        assertThat(analysis.getDescription()).isEqualTo(
                "Cannot use the PostgreSQL database at " + URL + ": database \"ledger\" does not exist.");
        assertThat(analysis.getAction()).contains("LEDGER_DB_URL", "LEDGER_DB_USER", "LEDGER_DB_PASSWORD");
    }

    @ParameterizedTest
    @CsvSource({"ledger_service, LEDGER_DB_USER", "ledger_owner, SPRING_FLYWAY_USER"})
    void aRefusedLoginNamesTheSettingsOfTheLoginThatWasRefused(String refused, String setting) {
        ExternalDatabaseFailureAnalyzer analyzer = new ExternalDatabaseFailureAnalyzer(new MockEnvironment()
                .withProperty("spring.datasource.url", URL).withProperty("spring.datasource.username", "ledger_service")
                .withProperty("spring.flyway.user", "ledger_owner"));

        FailureAnalysis analysis = analyzer.analyze(new PSQLException(new ServerErrorMessage(
                "SFATAL\0C28P01\0Mpassword authentication failed for user \"" + refused + "\"\0")));

        assertThat(analysis.getDescription()).contains("as user '" + refused + "'");
        assertThat(analysis.getAction()).startsWith("Set " + setting);
    }

    @Test
    void failuresOfTheEmbeddedDatabaseAreLeftToItsOwnAnalyzer() {
        FailureAnalysis analysis = analyzer("").analyze(
                new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT));

        assertThat(analysis).isNull();
    }

    @Test
    void failuresUnrelatedToTheDatabaseAreLeftAlone() {
        FailureAnalysis analysis = analyzer(URL).analyze(new IllegalStateException("something else"));

        assertThat(analysis).isNull();
    }

    private static ExternalDatabaseFailureAnalyzer analyzer(String url) {
        return new ExternalDatabaseFailureAnalyzer(new MockEnvironment().withProperty("spring.datasource.url", url));
    }
}
