package io.ledger.client.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * The {@code ledger} command-line tool. Each task is a subcommand ({@code lint}, {@code flush}, {@code token},
 * {@code verify}); later ones register in {@link #commandLine(Path)}.
 */
@Command(name = "ledger", mixinStandardHelpOptions = true, versionProvider = LedgerCommand.JarVersion.class,
        description = "Migration Ledger command-line tool.",
        subcommands = CommandLine.HelpCommand.class)
public final class LedgerCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(Path.of("").toAbsolutePath()).execute(args));
    }

    /**
     * The command line with every subcommand, resolving relative paths against {@code workingDirectory} and
     * reporting them relative to it. Usage errors (unknown option, missing argument) exit with 2.
     */
    static CommandLine commandLine(Path workingDirectory) {
        return commandLine(workingDirectory, System.in);
    }

    /** As {@link #commandLine(Path)}, reading what a subcommand reads from standard input from {@code in}. */
    static CommandLine commandLine(Path workingDirectory, InputStream in) {
        return new CommandLine(new LedgerCommand())
                .addSubcommand("lint", new LintCommand(workingDirectory, in))
                .addSubcommand("flush", new FlushCommand(workingDirectory))
                .addSubcommand("token", new TokenCommand())
                .addSubcommand("verify", new VerifyCommand(workingDirectory));
    }

    /** The version the build wrote into ledger.jar's manifest, so that it never drifts from the POM. */
    static final class JarVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LedgerCommand.class.getPackage().getImplementationVersion();
            return new String[] {"ledger " + (version == null ? "(development build)" : version)};
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand, e.g. ledger lint PATH...");
    }
}
