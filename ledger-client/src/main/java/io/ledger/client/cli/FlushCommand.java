package io.ledger.client.cli;

import io.ledger.client.FlushResult;
import io.ledger.client.LedgerClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ledger flush --url URL --spool DIR}: delivers what runners left in a spool, in order, with $LEDGER_TOKEN. */
@Command(name = "flush", mixinStandardHelpOptions = true, versionProvider = LedgerCommand.JarVersion.class,
        description = {"Deliver the requests a runner's spool holds to the ledger, in order, with their eventIds.",
                "Exit status: 0 all delivered, 1 some refused by the ledger (see DIR/rejected.log), "
                        + "2 usage error, 3 the ledger became unavailable or refused the token, and some remain "
                        + "spooled."})
final class FlushCommand implements Callable<Integer> {

    static final int REJECTED = 1;
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
        Path directory = workingDirectory.resolve(spool);
        FlushResult result;
        try (LedgerClient client = ledger.client().spool(directory).build()) {
            result = client.flush();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        result.rejected().forEach(refused -> out.println("rejected " + refused.kind() + " of "
                + refused.migrationId() + ": " + refused.status() + " " + refused.problem()));
        if (result.stopped() != null) {
            out.println("stopped: " + result.stopped());
        }
        out.println("delivered " + result.delivered() + ", rejected " + result.rejected().size()
                + ", still spooled " + result.pending());
        out.flush();
        if (result.pending() != 0) {
            return UNAVAILABLE;
        }
        return result.rejected().isEmpty() ? 0 : REJECTED;
    }
}
