package io.ledger.client.cli;

import io.ledger.client.LedgerClient;
import io.ledger.client.LedgerRejectedException;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The ledger a subcommand talks to and the token it shows. Both default to the environment, so that a token need
 * not appear on a command line, where other users of the machine can read it in the process list.
 */
final class LedgerConnection {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:LEDGER_URL}",
            description = "The ledger's root URL; $LEDGER_URL unless given.")
    private String url;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:LEDGER_TOKEN}",
            description = "The bearer token to call with; $LEDGER_TOKEN unless given (prefer the variable).")
    private String token;

    /**
     * Whether the ledger refused the token rather than the request: {@code 401} (unknown, revoked or expired) or
     * {@code 403} (without the role or scope). Subcommands exit 3 for it, as {@code ledger flush} does: neither the
     * command line nor the ledger's evidence is at fault, and another token may pass.
     */
    static boolean refusesToken(LedgerRejectedException rejected) {
        return rejected.status() == 401 || rejected.status() == 403;
    }

    /** Whether a ledger was named: some subcommands can work offline without one. */
    boolean hasUrl() {
        return url != null && !url.isBlank();
    }

    /** A client builder for this ledger and token; a missing or malformed setting is a usage error (exit 2). */
    LedgerClient.Builder client() {
        if (url == null || url.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing the ledger's URL: give --url or "
                    + "set LEDGER_URL");
        }
        if (token == null || token.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing a token: set LEDGER_TOKEN or give "
                    + "--token");
        }
        LedgerClient.Builder builder = LedgerClient.builder();
        try {
            builder.baseUrl(url);
        } catch (IllegalArgumentException e) {
            throw usage(e, "baseUrl", "--url (or LEDGER_URL)");
        }
        try {
            return builder.token(token);
        } catch (IllegalArgumentException e) {
            throw usage(e, "token", "--token (or LEDGER_TOKEN)");
        }
    }

    /** The builder's message in the command line's words: its user never wrote {@code baseUrl}. */
    private CommandLine.ParameterException usage(IllegalArgumentException e, String setting, String option) {
        String message = e.getMessage().startsWith(setting) ? option + e.getMessage().substring(setting.length())
                : e.getMessage();
        return new CommandLine.ParameterException(spec.commandLine(), message, e);
    }
}
