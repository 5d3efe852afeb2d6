package io.ledger.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class DatabaseConfigurationIT {

    // the default cache, so that test runs share one extraction
    private static final Path BINARIES = new LedgerProperties.Embedded(Path.of("data"), null).binariesDir();

    @TempDir
    Path temp;

    private final ApplicationContextRunner ledger = new ApplicationContextRunner()
            .withUserConfiguration(DatabaseOnlyLedger.class)
            .withPropertyValues("spring.datasource.url=");

    @Test
    void withoutADatabaseUrlFlywayMigratesTheEmbeddedPostgres() throws IOException {
        Path migrations = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__note.sql"), "CREATE TABLE note (text text);");

        ledger.withPropertyValues("ledger.embedded.data-dir=" + temp.resolve("data"),
                "spring.flyway.locations=filesystem:" + migrations).run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(EmbeddedPostgres.class);
                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                    assertThat(jdbc.queryForObject("SELECT count(*) FROM note", Integer.class)).isZero();
                    assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).isEqualTo("ledger");
                });
    }

    @Test
    void theEmbeddedPoolIsSizedBySpringDatasourceHikari() {
        ledger.withPropertyValues("ledger.embedded.data-dir=" + temp.resolve("data"),
                "spring.flyway.enabled=false", "spring.datasource.hikari.maximum-pool-size=20").run(context ->
                        assertThat(context.getBean(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(20));
    }

    @Test
    void aDatabaseUrlLeavesTheDataSourceToSpringBootAndStartsNoEmbeddedPostgres() {
        Path dataDir = temp.resolve("data");

        ledger.withPropertyValues("ledger.embedded.data-dir=" + dataDir, "spring.flyway.enabled=false",
                "spring.datasource.url=jdbc:postgresql://db.example:5432/ledger").run(context -> {
                    assertThat(context).doesNotHaveBean(EmbeddedPostgres.class);
                    assertThat(context.getBean(HikariDataSource.class).getJdbcUrl())
                            .isEqualTo("jdbc:postgresql://db.example:5432/ledger");
                });
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void anUnreachableDatabaseIsReportedWithItsUrlAndTheSettingsToChange(CapturedOutput output) throws IOException {
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/ledger";

        assertThatException().isThrownBy(() -> start("spring.datasource.url=" + url + "?password=secret"));

        assertThat(output)
                .contains("Cannot reach the PostgreSQL database at " + url + "?password=****: connection refused.")
                .contains("LEDGER_DB_URL", "LEDGER_DB_USER", "LEDGER_DB_PASSWORD")
                .doesNotContain("secret");
    }

    @Test
    void refusedCredentialsAreReportedWithTheSettingsToChange(CapturedOutput output) {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(temp.resolve("data"), BINARIES)) {

            assertThatException().isThrownBy(() -> start("spring.datasource.url=" + postgres.jdbcUrl(),
                    "spring.datasource.username=ledger", "spring.datasource.password=wrong"));

            assertThat(output).contains("Cannot log in to the PostgreSQL database at " + postgres.jdbcUrl()
                    + " as user 'ledger': password authentication failed for user \"ledger\".")
                    .contains("Set LEDGER_DB_USER and LEDGER_DB_PASSWORD");
        }
    }

    @Test
    void aDataDirectoryInUseIsReportedWithTheSettingToChange(CapturedOutput output) {
        Path dataDir = temp.resolve("data");
        try (EmbeddedPostgres running = EmbeddedPostgres.start(dataDir, BINARIES)) {

            assertThatException().isThrownBy(() -> start("ledger.embedded.data-dir=" + dataDir));

            assertThat(output).contains("Data directory " + dataDir + " is in use by another running ledger.")
                    .contains("Stop that ledger, or set LEDGER_DATA_DIR (ledger.embedded.data-dir)");
        }
    }

    // Arguments, because they override application.yml as an operator's settings do.
    private void start(String... settings) throws IOException {
        Path noMigrations = Files.createDirectories(temp.resolve("no-migrations"));
        List<String> arguments = new ArrayList<>(List.of("--spring.flyway.locations=filesystem:" + noMigrations));
        for (String setting : settings) {
            arguments.add("--" + setting);
        }
        // Starting is the failure these tests expect not to happen; closing stops whatever did start.
        new SpringApplicationBuilder(DatabaseOnlyLedger.class).web(WebApplicationType.NONE)
                .run(arguments.toArray(String[]::new)).close();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The ledger's database wiring without the features, so these tests need no one else's migrations. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LedgerProperties.class)
    @Import(EmbeddedDatabaseConfiguration.class)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
    static class DatabaseOnlyLedger {
    }
}
