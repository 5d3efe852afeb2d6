package io.ledger.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Connects once to the external PostgreSQL before anything else starts, so that one that cannot be reached or that
 * refuses the login stops the start at once, as {@link ExternalDatabaseFailureAnalyzer} reports it. The pool's first
 * connection comes only when Tomcat creates the filters that need the database, after the whole context was read,
 * so its failure comes seconds later and wrapped in theirs.
 */
class ExternalDatabaseCheck implements ApplicationListener<ApplicationContextInitializedEvent> {

    private static final String POSTGRESQL = "jdbc:postgresql:";

    // Hikari's default, for a setting left out of application.yml
    private static final long DEFAULT_CONNECTION_TIMEOUT_MILLIS = 30_000;

    @Override
    public void onApplicationEvent(ApplicationContextInitializedEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        if (EmbeddedDatabaseConfiguration.isEmbedded(environment)) {
            return;
        }
        String url = environment.getProperty("spring.datasource.url");
        if (!url.startsWith(POSTGRESQL)) {
            // DriverManager would say "No suitable driver found for" the URL, password included, in a stack trace.
            throw new UnusableSettingException("LEDGER_DB_URL (spring.datasource.url) is not a PostgreSQL JDBC URL: "
                    + ExternalDatabaseFailureAnalyzer.masked(url), "Write it as " + POSTGRESQL
                    + "//HOST:PORT/DATABASE, with the login in LEDGER_DB_USER and LEDGER_DB_PASSWORD", null);
        }
        Properties login = new Properties();
        setIfPresent(login, "user", environment.getProperty("spring.datasource.username"));
        setIfPresent(login, "password", environment.getProperty("spring.datasource.password"));
        // No longer than the pool waits for a connection.
        long timeout = Binder.get(environment).bind("spring.datasource.hikari.connection-timeout", Long.class)
                .orElse(DEFAULT_CONNECTION_TIMEOUT_MILLIS);
        login.setProperty("loginTimeout", String.valueOf(Math.max(1, timeout / 1000)));
        try (Connection connection = DriverManager.getConnection(url, login)) {
            // reached, and the login accepted
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the database at spring.datasource.url", e);
        }
    }

    private static void setIfPresent(Properties properties, String name, String value) {
        if (StringUtils.hasText(value)) {
            properties.setProperty(name, value);
        }
    }
}
