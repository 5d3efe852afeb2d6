package io.ledger.client.cli;

import io.ledger.client.FlushResult;
import io.ledger.client.LedgerClient;
import io.ledger.client.SpoolFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ledger flush --url URL --spool DIR}: delivers what runners left in a spool, in order, with $LEDGER_TOKEN. */
@Command(name = "flush", mixinStandardHelpOptions = true, versionProvider = LedgerCommand.JarVersion.class,
        description = {"Deliver the requests a runner's spool holds to the ledger, in order, with their eventIds.",
                "Only the requests spooled with this token are delivered; each token's are in DIR/token-<its "
                        + "fingerprint>/, with those older clients left in DIR itself, which any token delivers.",
                "Exit status: 0 all delivered, 1 some refused by the ledger (see rejected.log) or damaged "
                        + "on disk (see damaged.log), 2 usage error or a spool file that cannot be read, written "
                        + "or locked, 3 the ledger became unavailable or refused the token, and some remain spooled."})
final class FlushCommand implements Callable<Integer> {

    static final int REJECTED = 1;
    /** As a usage error: the spool named cannot be worked with by this user, whatever the ledger says. */
    static final int SPOOL_PROBLEM = 2;
    static final int UNAVAILABLE = 3;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private LedgerConnection ledger;

    @Option(names = "--spool", required = true, paramLabel = "DIR", description = "The spool directory.")
    private Path spool;

    private final Path workingDirectory;

    FlushCommand(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path directory = spoolDirectory();
        FlushResult result;
        try (LedgerClient client = ledger.client().spool(directory).build()) {
            result = client.flush();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (SpoolFailedException e) {
            // Such as lock files left by another user: nothing the ledger refused, so never exit 1 with a stack trace.
            PrintWriter err = spec.commandLine().getErr();
            err.println("ledger flush: " + e.getMessage());
            err.flush();
            return SPOOL_PROBLEM;
        }
        result.rejected().forEach(refused -> out.println("rejected " + refused.kind() + " of "
                + refused.migrationId() + ": " + refused.status() + " " + refused.problem()));
        if (result.stopped() != null) {
            out.println("stopped: " + result.stopped());
        }
        if (result.damaged() > 0) {
            out.println("damaged " + result.damaged() + " record(s) on disk, kept in damaged.log of this token's "
                    + "queue in " + directory);
        }
        result.otherTokens().forEach((queue, count) -> out.println("left " + count + " request(s) spooled with "
                + "another token in " + queue + ": flush with that token to deliver them, or name that directory as "
                + "--spool to deliver them with this one (recorded as this token's)"));
        out.println("delivered " + result.delivered() + ", rejected " + result.rejected().size()
                + ", still spooled " + result.pending());
        out.flush();
        if (result.pending() != 0) {
            return UNAVAILABLE;
        }
        return result.rejected().isEmpty() && result.damaged() == 0 ? 0 : REJECTED;
    }

    /**
     * The spool named, which must exist: the client would create a mistyped one and report it empty, and an empty
     * path would make the working directory the spool.
     */
    private Path spoolDirectory() {
        if (spool.toString().isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--spool must name a spool directory");
        }
        Path directory = workingDirectory.resolve(spool);
        if (!Files.isDirectory(directory)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--spool " + spool + " is not a directory"
                    + (Files.exists(directory) ? "" : ": it does not exist"));
        }
        return directory;
    }
}
