package io.ledger.client.cli;

import io.ledger.api.access.IssuedToken;
import io.ledger.api.access.Role;
import io.ledger.api.access.TokenRequest;
import io.ledger.api.access.TokenScope;
import io.ledger.api.access.TokenView;
import io.ledger.client.LedgerClient;
import io.ledger.client.LedgerException;
import io.ledger.client.LedgerRejectedException;
import io.ledger.client.LedgerUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ledger token create|list|revoke}: an admin manages the ledger's tokens. */
@Command(name = "token", mixinStandardHelpOptions = true, versionProvider = LedgerCommand.JarVersion.class,
        description = {"Create, list and revoke the ledger's tokens; needs an admin's token.",
                "Exit status: 0 done, 1 refused by the ledger, 2 usage error, 3 the ledger is unavailable or "
                        + "refused the token (401, 403)."},
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {

    static final int REFUSED = 1;
    static final int UNAVAILABLE = 3;
    static final int TOKEN_REFUSED = 3;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: create, list or revoke");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = LedgerCommand.JarVersion.class,
            description = {"Create a token. Its secret is printed alone on standard output, once: the ledger keeps "
                    + "only its hash.", "Example: ledger token create ci-orders --role runner "
                    + "--database 'orders-*' --environment dev --environment staging --expires-in 90d"})
    static final class Create implements Callable<Integer> {

        private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([dhm])");
        /** The ledger takes expiries in the years 0001 through 9999 (docs/security.md). */
        private static final Instant STORABLE_END = Instant.parse("+10000-01-01T00:00:00Z");

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        private LedgerConnection ledger;

        @Parameters(index = "0", paramLabel = "NAME", description = "The token's name, recorded as the principal of "
                + "every event posted with it; never reused.")
        private String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", split = ",",
                description = "runner, approver, auditor or admin; several separated by commas, or repeat it.")
        private List<String> roles;

        @Option(names = "--database", paramLabel = "PATTERN",
                description = "A database the token reaches, * for any run of characters; repeat for several.")
        private List<String> databases;

        @Option(names = "--environment", paramLabel = "PATTERN",
                description = "An environment the token reaches, * for any run of characters; repeat for several.")
        private List<String> environments;

        @CommandLine.ArgGroup(exclusive = true)
        private Expiry expiry;

        static final class Expiry {
            @Option(names = "--expires-in", paramLabel = "DURATION",
                    description = "Lifetime such as 90d, 12h, 30m or an ISO-8601 duration (PT12H), ending before the "
                            + "year 10000.")
            String in;

            @Option(names = "--expires-at", paramLabel = "INSTANT",
                    description = "Expiry as an ISO-8601 instant such as 2027-01-31T00:00:00Z.")
            String at;
        }

        @Override
        public Integer call() {
            List<Role> parsed = roles.stream().map(this::role).toList();
            TokenRequest request = new TokenRequest(name, parsed, scope(parsed), expiresAt());
            return TokenCommand.call(spec, ledger, client -> {
                IssuedToken issued = client.createToken(request);
                PrintWriter err = spec.commandLine().getErr();
                err.println("created token " + issued.name() + " (" + describe(issued.roles(), issued.scope(),
                        issued.expiresAt()) + "); its secret follows, store it now: it is not shown again");
                err.flush();
                spec.commandLine().getOut().println(issued.token());
                spec.commandLine().getOut().flush();
            });
        }

        private Role role(String value) {
            return Arrays.stream(Role.values()).filter(role -> role.wireId().equalsIgnoreCase(value.strip()))
                    .findFirst().orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                            "Unknown role '" + value + "': use runner, approver, auditor or admin"));
        }

        private TokenScope scope(List<Role> parsed) {
            boolean scoped = parsed.stream().anyMatch(Role::isScoped);
            if (databases == null && environments == null) {
                if (scoped) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "A runner or approver token needs "
                            + "a scope: --database and --environment (use '*' for all)");
                }
                return null;
            }
            if (!scoped) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Auditor and admin tokens reach every "
                        + "migration, so a scope would not limit them: leave out --database and --environment");
            }
            if (databases == null || environments == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "A scope needs both --database and --environment (use '*' for all)");
            }
            return new TokenScope(databases, environments);
        }

        private Instant expiresAt() {
            if (expiry == null) {
                return null;
            }
            if (expiry.at != null) {
                try {
                    return Instant.parse(expiry.at.strip());
                } catch (DateTimeParseException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--expires-at is not an ISO-8601 "
                            + "instant such as 2027-01-31T00:00:00Z: '" + expiry.at + "'");
                }
            }
            Instant now = Instant.now();
            Duration lifetime = duration(expiry.in.strip());
            // Compared before adding: past Instant.MAX the sum would throw a DateTimeException, a stack trace.
            Duration longest = Duration.between(now, STORABLE_END);
            if (lifetime.compareTo(longest) >= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--expires-in must end before "
                        + STORABLE_END + " (the ledger keeps expiries in the years 0001 through 9999): at most "
                        + (longest.toDays() - 1) + "d, was '" + expiry.in + "'");
            }
            return now.plus(lifetime);
        }

        private Duration duration(String value) {
            Matcher matcher = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
            try {
                Duration duration;
                if (matcher.matches()) {
                    long amount = Long.parseLong(matcher.group(1));
                    duration = switch (matcher.group(2)) {
                        case "d" -> Duration.ofDays(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofMinutes(amount);
                    };
                } else {
                    duration = Duration.parse(value);
                }
                if (duration.isNegative() || duration.isZero()) {
                    throw new IllegalArgumentException("not positive");
                }
                return duration;
            } catch (ArithmeticException | IllegalArgumentException | DateTimeParseException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--expires-in is not a positive "
                        + "duration such as 90d, 12h, 30m or PT12H: '" + value + "'");
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = LedgerCommand.JarVersion.class,
            description = "List every token, revoked and expired ones included, without secrets.")
    static final class ListTokens implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        private LedgerConnection ledger;

        @Override
        public Integer call() {
            return TokenCommand.call(spec, ledger, client -> {
                PrintWriter out = spec.commandLine().getOut();
                Instant now = Instant.now();
                for (TokenView token : client.tokens()) {
                    out.println(token.name() + "\t" + state(token, now) + "\t" + describe(token.roles(),
                            token.scope(), token.expiresAt()) + "; created " + token.createdAt() + " by "
                            + token.createdBy());
                }
                out.flush();
            });
        }

        private static String state(TokenView token, Instant now) {
            if (token.revokedAt() != null) {
                return "revoked " + token.revokedAt() + " by " + token.revokedBy();
            }
            return token.expiresAt() != null && !now.isBefore(token.expiresAt()) ? "expired" : "active";
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, versionProvider = LedgerCommand.JarVersion.class,
            description = "Revoke a token: the ledger refuses it from now on. Its name stays taken.")
    static final class Revoke implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        private LedgerConnection ledger;

        @Parameters(index = "0", paramLabel = "NAME", description = "The token to revoke.")
        private String name;

        @Override
        public Integer call() {
            return TokenCommand.call(spec, ledger, client -> {
                TokenView revoked = client.revokeToken(name);
                spec.commandLine().getOut().println("revoked token " + revoked.name() + " at " + revoked.revokedAt());
                spec.commandLine().getOut().flush();
            });
        }
    }

    private interface Call {
        void with(LedgerClient client);
    }

    /** Runs one call and turns the ledger's answer into the exit status the command's help promises. */
    private static int call(CommandLine.Model.CommandSpec spec, LedgerConnection ledger, Call call) {
        PrintWriter err = spec.commandLine().getErr();
        try (LedgerClient client = ledger.client().build()) {
            call.with(client);
            return 0;
        } catch (LedgerRejectedException refused) {
            boolean token = LedgerConnection.refusesToken(refused);
            err.println((token ? "the ledger refused the token: " : "refused: ") + refused.getMessage());
            err.flush();
            return token ? TOKEN_REFUSED : REFUSED;
        } catch (LedgerUnavailableException unavailable) {
            err.println("unavailable: " + unavailable.getMessage());
            err.flush();
            return UNAVAILABLE;
        } catch (LedgerException unexpected) {
            err.println("failed: " + unexpected.getMessage());
            err.flush();
            return REFUSED;
        }
    }

    private static String describe(List<Role> roles, TokenScope scope, Instant expiresAt) {
        Function<List<String>, String> joined = names -> String.join(",", names);
        return "roles " + joined.apply(roles.stream().map(Role::wireId).toList())
                + "; databases " + joined.apply(scope.databases()) + "; environments "
                + joined.apply(scope.environments()) + "; expires " + (expiresAt == null ? "never" : expiresAt);
    }
}
