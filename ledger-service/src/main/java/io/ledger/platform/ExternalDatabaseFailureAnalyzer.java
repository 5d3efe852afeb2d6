package io.ledger.platform;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Reports an external PostgreSQL (set by {@code spring.datasource.url}) that cannot be reached or refuses the login,
 * naming the URL and the settings to change instead of printing the pool's and Flyway's stack traces.
 */
class ExternalDatabaseFailureAnalyzer implements FailureAnalyzer {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&]*");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/:@]*:)[^/@]*@");

    private final Environment environment;

    ExternalDatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        String url = environment == null ? null : environment.getProperty("spring.datasource.url");
        if (!StringUtils.hasText(url)) {
            return null;
        }
        String where = "the PostgreSQL database at " + masked(url);
        PSQLException psql = find(failure, PSQLException.class);
        if (psql == null) {
            return null;
        }
        String state = psql.getSQLState() == null ? "" : psql.getSQLState();
        if (state.startsWith("28")) {
            // Flyway logs in with a login of its own when one is set, as the grants of docs/operations.md have it.
            String flywayUser = environment.getProperty("spring.flyway.user", "");
            boolean flyway = !flywayUser.isEmpty() && serverMessage(psql).contains("\"" + flywayUser + "\"");
            String user = flyway ? flywayUser : environment.getProperty("spring.datasource.username", "");
            String as = user.isEmpty() ? "" : " as user '" + user + "'";
            return new FailureAnalysis(sentence("Cannot log in to " + where + as + ": " + serverMessage(psql)),
                    flyway ? "Set SPRING_FLYWAY_USER and SPRING_FLYWAY_PASSWORD, the login the schema migrations "
                            + "run with, to one that database accepts."
                            : "Set LEDGER_DB_USER and LEDGER_DB_PASSWORD to a login that database accepts, or point "
                            + "LEDGER_DB_URL at another database.",
                    failure);
        }
        if (state.equals("3D000")) {
            return new FailureAnalysis(sentence("Cannot use " + where + ": " + serverMessage(psql)),
                    "Create that database, or correct its name in LEDGER_DB_URL (LEDGER_DB_USER and "
                            + "LEDGER_DB_PASSWORD give the login).",
                    failure);
        }
        String unreachable = unreachable(psql);
        if (unreachable == null && !state.startsWith("08")) {
            return null;
        }
        return new FailureAnalysis(
                sentence("Cannot reach " + where + ": " + (unreachable != null ? unreachable : psql.getMessage())),
                "Start that PostgreSQL or correct LEDGER_DB_URL (LEDGER_DB_USER and LEDGER_DB_PASSWORD give the "
                        + "login); leave LEDGER_DB_URL empty to use the embedded PostgreSQL instead.",
                failure);
    }

    /** The driver's and the server's messages may end in a full stop of their own. */
    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    /** The URL without a password given in it, as a parameter or as {@code user:password@}. */
    static String masked(String url) {
        return USER_INFO_PASSWORD.matcher(PASSWORD_PARAMETER.matcher(url).replaceAll("$1****")).replaceAll("$1****@");
    }

    private static String unreachable(PSQLException failure) {
        UnknownHostException unknownHost = find(failure, UnknownHostException.class);
        if (unknownHost != null) {
            String host = String.valueOf(unknownHost.getMessage());
            int at = host.lastIndexOf('@');
            // PostgreSQL's driver reads a URL's user:password@ as part of the host's name.
            return at < 0 ? "unknown host " + host : "unknown host ****@" + host.substring(at + 1)
                    + " (the JDBC URL takes no user:password@ before the host; give them as LEDGER_DB_USER and "
                    + "LEDGER_DB_PASSWORD)";
        }
        if (find(failure, ConnectException.class) != null) {
            return "connection refused";
        }
        if (find(failure, SocketTimeoutException.class) != null) {
            return "connection timed out";
        }
        return null;
    }

    private static String serverMessage(PSQLException psql) {
        ServerErrorMessage server = psql.getServerErrorMessage();
        return server != null && server.getMessage() != null ? server.getMessage() : psql.getMessage();
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
