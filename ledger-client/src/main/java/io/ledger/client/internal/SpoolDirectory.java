package io.ledger.client.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The spool directory a client was given, which runners with different tokens may share: each token spools into a
 * queue of its own, {@code token-<fingerprint>/}, and delivers only that queue, so that every event is recorded with
 * the principal of the token that made it, whoever calls next. The fingerprint is the first 16 hex digits of the
 * token's SHA-256, which says nothing of the secret. Records that clients older than the queues left at the top of
 * the directory, and those of a queue an operator names as the directory itself, are delivered with any token,
 * before the token's own.
 */
public final class SpoolDirectory {

    private static final String QUEUE_PREFIX = "token-";
    private static final int FINGERPRINT_DIGITS = 16;

    private final Path root;
    private final Spool anyToken;
    private final Spool own;
    private final long capacityBytes;

    public SpoolDirectory(Path directory, String token, long capacityBytes) {
        this.anyToken = new Spool(directory, capacityBytes);
        this.root = anyToken.directory();
        this.own = new Spool(root.resolve(queueName(token)), capacityBytes);
        this.capacityBytes = capacityBytes;
    }

    public static String queueName(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return QUEUE_PREFIX + HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The directory this token's requests are spooled in. */
    public Path queue() {
        return own.directory();
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    /** A cheap check without locks: whether this token's queue or the one any token delivers may hold anything. */
    public boolean mayHoldAnything() {
        return anyToken.mayHoldAnything() || own.mayHoldAnything();
    }

    /** Whether requests of this migration that this token may deliver wait, so that its next goes behind them. */
    public boolean holds(String migrationId) {
        return anyToken.holds(migrationId) || own.holds(migrationId);
    }

    /** The queue of another token that holds requests of this migration, which must reach the ledger first. */
    public Optional<Path> heldByAnotherToken(String migrationId) {
        return otherQueues().stream().filter(queue -> queue.holds(migrationId)).map(Spool::directory).findFirst();
    }

    /** How many requests each other token's queue holds, for those that hold any. */
    public Map<Path, Integer> pendingWithOtherTokens() {
        Map<Path, Integer> pending = new HashMap<>();
        for (Spool queue : otherQueues()) {
            int count = queue.pending();
            if (count > 0) {
                pending.put(queue.directory(), count);
            }
        }
        return pending;
    }

    public boolean append(Spool.Entry entry) {
        return own.append(entry);
    }

    /** Sends one spooled entry once; {@code tokenBound} when only this token may deliver it. */
    @FunctionalInterface
    public interface Deliverer {
        Spool.Outcome deliver(Spool.Entry entry, boolean tokenBound);
    }

    /**
     * Delivers what any token may deliver, then this token's queue, as {@link Spool#drain} does each; this token's
     * waits while the first holds anything, since those requests are older.
     */
    public Spool.Drained drain(Deliverer deliverer, boolean wait) {
        Deliverer inOrder = behindRefusedPlans(deliverer);
        Spool.Drained first = anyToken.mayHoldAnything()
                ? anyToken.drain(entry -> inOrder.deliver(entry, false), wait) : null;
        if (first != null && (first.busy() || first.pending() > 0)) {
            return first.busy() ? first : new Spool.Drained(first.delivered(), first.rejected(), first.damaged(),
                    first.pending() + own.pending(), first.stopped(), false);
        }
        Spool.Drained second = own.drain(entry -> inOrder.deliver(entry, true), wait);
        if (first == null) {
            return second;
        }
        if (second.busy()) {
            // What the first delivered and refused is still to be told, though the rest was not tried.
            return new Spool.Drained(first.delivered(), first.rejected(), first.damaged(), -1, null, true);
        }
        List<Spool.Refused> rejected = new ArrayList<>(first.rejected());
        rejected.addAll(second.rejected());
        return new Spool.Drained(first.delivered() + second.delivered(), List.copyOf(rejected),
                first.damaged() + second.damaged(), second.pending(), second.stopped(), false);
    }

    /**
     * The requests of a migration whose plan the ledger refused on delivery were made for that plan: delivered, they
     * would be recorded against the plan that stands (a conflict) or refused one by one. They are refused with it,
     * unsent, until a plan of that migration is delivered.
     */
    private static Deliverer behindRefusedPlans(Deliverer deliverer) {
        Map<String, Spool.Outcome.Rejected> refusedPlans = new HashMap<>();
        return (entry, tokenBound) -> {
            Spool.Outcome.Rejected plan = refusedPlans.get(entry.migrationId());
            if (plan != null && entry.kind() == Spool.Kind.EVENT) {
                return new Spool.Outcome.Rejected(plan.status(), "not sent: the plan of " + entry.migrationId()
                        + " spooled before it was refused with " + plan.status() + ": " + plan.problem());
            }
            Spool.Outcome outcome = deliverer.deliver(entry, tokenBound);
            if (entry.kind() == Spool.Kind.PLAN) {
                if (outcome instanceof Spool.Outcome.Rejected refused) {
                    refusedPlans.put(entry.migrationId(), refused);
                } else if (outcome instanceof Spool.Outcome.Delivered) {
                    refusedPlans.remove(entry.migrationId());
                }
            }
            return outcome;
        };
    }

    private List<Spool> otherQueues() {
        List<Spool> queues = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, QUEUE_PREFIX + "*")) {
            for (Path entry : entries) {
                if (!entry.getFileName().equals(own.directory().getFileName()) && Files.isDirectory(entry)) {
                    Spool queue = new Spool(entry, capacityBytes);
                    if (queue.mayHoldAnything()) {
                        queues.add(queue);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spool directory " + root, e);
        }
        return queues;
    }
}
