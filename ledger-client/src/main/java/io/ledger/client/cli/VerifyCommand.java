package io.ledger.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.api.integrity.BrokenLink;
import io.ledger.api.integrity.Checkpoint;
import io.ledger.api.integrity.Verification;
import io.ledger.client.LedgerClient;
import io.ledger.client.LedgerException;
import io.ledger.client.LedgerRejectedException;
import io.ledger.client.LedgerUnavailableException;
import io.ledger.client.MigrationNotFoundException;
import io.ledger.client.RetryPolicy;
import io.ledger.client.internal.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code ledger verify}: the ledger's tamper evidence recomputed by the ledger, and a checkpoint kept outside it
 * checked offline, signature first, then against today's ledger.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = LedgerCommand.JarVersion.class,
        description = {"Verify the ledger's hash chains and signed checkpoints, or one migration's events.",
                "With --checkpoint and --public-key, first check a checkpoint you kept against the public key you "
                        + "hold, offline; with --url too, then check that today's ledger still matches it.",
                "Exit status: 0 intact, 1 broken (or a bad checkpoint signature), 2 usage error, "
                        + "3 the ledger is unavailable, refused the token (401, 403) or gave an unexpected answer "
                        + "(such as a proxy's)."})
final class VerifyCommand implements Callable<Integer> {

    static final int BROKEN = 1;
    static final int USAGE_ERROR = 2;
    static final int UNAVAILABLE = 3;
    static final int TOKEN_REFUSED = 3;

    /**
     * The ledger recomputes every chain before it answers, which takes a while on a large one. It is the whole wait:
     * verification makes one attempt, since a retry after a timeout would start the recomputation over, and the
     * default policy's six attempts would make the documented 10 minutes an hour.
     */
    private static final Duration VERIFICATION_TIMEOUT = Duration.ofMinutes(10);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private LedgerConnection ledger;

    @Option(names = "--migration", paramLabel = "ID", description = "Verify this migration only.")
    private String migration;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "A checkpoint kept outside the ledger, as GET /api/v1/ledger/checkpoints/latest gave it.")
    private Path checkpoint;

    @Option(names = "--public-key", paramLabel = "FILE",
            description = "The ledger's public key (PEM), obtained out of band, to check --checkpoint with.")
    private Path publicKey;

    private final Path workingDirectory;
    private final ObjectMapper json = Json.newMapper();

    VerifyCommand(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    @Override
    public Integer call() {
        if (!ledger.hasUrl() && checkpoint == null) {
            throw usage("give --url, or --checkpoint with --public-key, or both");
        }
        if (checkpoint != null && publicKey == null) {
            throw usage("--checkpoint needs --public-key: a checkpoint is only as good as the key it is checked with");
        }
        if (migration != null && (!ledger.hasUrl() || checkpoint != null)) {
            throw usage("--migration needs --url, and a checkpoint covers the whole ledger, not one migration");
        }
        PrintWriter out = spec.commandLine().getOut();
        Checkpoint stored = null;
        if (checkpoint != null) {
            stored = readCheckpoint();
            PublicKey key = readPublicKey();
            boolean signed = CheckpointSignature.verifies(stored, key);
            out.println("checkpoint of " + stored.events() + " events up to position " + stored.position() + ", "
                    + stored.createdAt() + ": signature " + (signed ? "valid" : "INVALID") + " for key "
                    + CheckpointSignature.keyId(key));
            if (!signed) {
                out.flush();
                return BROKEN;
            }
        }
        if (!ledger.hasUrl()) {
            out.flush();
            return 0;
        }
        return verifyOnline(out, stored);
    }

    private int verifyOnline(PrintWriter out, Checkpoint stored) {
        PrintWriter err = spec.commandLine().getErr();
        Verification verification;
        try (LedgerClient client = ledger.client().requestTimeout(VERIFICATION_TIMEOUT)
                .retryPolicy(RetryPolicy.none()).build()) {
            verification = stored != null ? client.verify(stored)
                    : migration != null ? client.verify(migration) : client.verify();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        } catch (LedgerRejectedException e) {
            if (LedgerConnection.refusesToken(e)) {
                // Nothing was verified, which says nothing about the evidence: never 1, and no usage error either.
                err.println("ledger verify: the ledger refused the token: " + e.getMessage());
                return TOKEN_REFUSED;
            }
            err.println("ledger verify: " + e.getMessage());
            return USAGE_ERROR;
        } catch (MigrationNotFoundException e) {
            err.println("ledger verify: " + e.getMessage());
            return USAGE_ERROR;
        } catch (LedgerUnavailableException e) {
            err.println("ledger verify: the ledger is unavailable: " + e.getMessage());
            return UNAVAILABLE;
        } catch (LedgerException e) {
            // A redirect or an HTML page is a proxy or a wrong URL talking, not evidence of tampering: never exit 1.
            err.println("ledger verify: nothing was verified: " + e.getMessage());
            return UNAVAILABLE;
        }
        out.println((migration == null ? "ledger" : "migration " + migration) + ": "
                + (verification.ok() ? "intact" : "BROKEN") + ", " + verification.checkedEvents() + " events checked ("
                + verification.unsealedEvents() + " not sealed yet), " + verification.checkpoints()
                + " checkpoints");
        if (verification.firstBroken() != null) {
            out.println("first broken link: " + describe(verification.firstBroken()));
        }
        // Every other place found broken, so that one run finds them all.
        verification.broken().stream().filter(link -> !link.equals(verification.firstBroken()))
                .forEach(link -> out.println("also broken: " + describe(link)));
        if (stored != null) {
            out.println("the checkpoint given: " + (verification.suppliedCheckpoint() == null ? "holds"
                    : "BROKEN, " + describe(verification.suppliedCheckpoint())));
        }
        verification.invalidatedSignOffs().forEach(signOff -> out.println("invalidated sign-off: " + describe(signOff)));
        out.flush();
        return verification.ok() ? 0 : BROKEN;
    }

    private Checkpoint readCheckpoint() {
        String text = read("--checkpoint", checkpoint);
        try {
            return json.readValue(text, Checkpoint.class);
        } catch (JsonProcessingException e) {
            // The original message: the full one names the parser's source, redacted, and Java's types.
            throw usage("--checkpoint " + checkpoint + " is not a checkpoint the ledger gave: "
                    + e.getOriginalMessage());
        }
    }

    private PublicKey readPublicKey() {
        String text = read("--public-key", publicKey);
        try {
            return CheckpointSignature.publicKey(text);
        } catch (IllegalArgumentException e) {
            throw usage("--public-key " + publicKey + " is not an Ed25519 public key in PEM: " + e.getMessage());
        }
    }

    private String read(String option, Path file) {
        try {
            return Files.readString(workingDirectory.resolve(file));
        } catch (NoSuchFileException e) {
            throw usage(option + " " + file + " does not exist");
        } catch (IOException e) {
            throw usage(option + " " + file + " cannot be read: " + e.getClass().getSimpleName() + " "
                    + e.getMessage());
        }
    }

    private static String describe(BrokenLink link) {
        String event = link.migrationId() == null ? "" : " event " + link.sequence() + " of " + link.migrationId()
                + (link.eventId() == null ? "" : " (eventId " + link.eventId() + ")");
        return link.kind().wireId() + " at position " + link.position() + event + ": " + link.message();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
