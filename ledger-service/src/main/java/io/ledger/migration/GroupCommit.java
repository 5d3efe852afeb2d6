package io.ledger.migration;

import io.ledger.platform.AxonConfiguration;
import io.ledger.platform.EventKey;
import io.ledger.platform.LedgerProperties;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Group commit: the commands of concurrent requests are handled one after another on a committer thread, each in a
 * unit of work of its own nested in the batch's, and the events of all of them are appended in one transaction. A
 * batch of N requests pays one commit, one connection and one read of the stored positions instead of N of each; a
 * request is answered only after its batch committed.
 * <p>
 * A batch is whatever reached its committer while the previous batch committed, so a lone request waits for
 * nothing. Should any command of a batch fail, the whole batch is rolled back (Axon drops the migrations it loaded)
 * and each of its commands is run again alone, so that a failure is answered to the request that caused it and to
 * no other.
 * <p>
 * There are {@code ledger.write-committers} committers, each with a thread, a queue and at most one transaction in
 * progress; a migration's commands always go to the same one ({@code hashCode} of its id modulo their number), so
 * two committers never contend for a migration's lock and one migration's commands keep their order. More than one
 * lets a batch be handled while another waits for its commit.
 */
@Component
class GroupCommit {

    /** Bounds a transaction's size; a batch holds at most the writes that the admission filter lets in anyway. */
    static final int MAX_BATCH = 128;

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private static final String STORED = "SELECT e.aggregateidentifier, e.sequencenumber, e.globalindex, e.timestamp "
            + "FROM unnest(?, ?) AS written(migration, sequence) JOIN domainevententry e "
            + "ON e.aggregateidentifier = written.migration AND e.sequencenumber = written.sequence";

    private final CommandGateway commands;
    private final TransactionManager transactions;
    private final JdbcTemplate jdbc;
    private final DistributionSummary batchSizes;
    private final List<Committer> committers;
    private volatile boolean closing;

    GroupCommit(CommandGateway commands, TransactionManager transactions, JdbcTemplate jdbc, MeterRegistry meters,
            LedgerProperties properties) {
        this.commands = commands;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.batchSizes = DistributionSummary.builder("ledger.writes.batch")
                .description("Commands whose events were appended in one transaction").register(meters);
        this.committers = IntStream.range(0, properties.writeCommitters()).mapToObj(Committer::new).toList();
        Gauge.builder("ledger.writes.waiting", () -> committers.stream().mapToInt(c -> c.queue.size()).sum())
                .description("Commands waiting for their committer's batch in progress to commit").register(meters);
    }

    /** Where and when an appended event was stored. */
    record Stored(long position, Instant recordedAt) {
    }

    /** A command's outcome, and for {@link Outcome.Recorded} where its event was stored, once its batch committed. */
    record Committed(Outcome outcome, Optional<Stored> stored) {
    }

    /** Sends {@code command} on behalf of the token {@code principal} and waits until it is committed. */
    Committed send(MigrationCommand command, String principal) {
        if (closing) {
            throw shuttingDown();
        }
        Pending pending = new Pending(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(AxonConfiguration.PRINCIPAL, principal)), command, new CompletableFuture<>());
        committers.get(Math.floorMod(command.migrationId().hashCode(), committers.size())).queue.add(pending);
        try {
            return pending.result().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Lets the batches in progress and those already queued finish; requests arriving later are refused. */
    @PreDestroy
    void close() throws InterruptedException {
        closing = true;
        for (Committer committer : committers) {
            committer.thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    private final class Committer {

        private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
        private final Thread thread;

        Committer(int number) {
            thread = new Thread(this::run, "group-commit-" + number);
            // Stopped by close(); one stuck in the database must not keep a JVM that is exiting alive.
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            List<Pending> batch = new ArrayList<>(MAX_BATCH);
            while (!closing || !queue.isEmpty()) {
                try {
                    Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
                batch.clear();
            }
            queue.forEach(pending -> pending.result().completeExceptionally(shuttingDown()));
        }
    }

    private void commit(List<Pending> batch) {
        batchSizes.record(batch.size());
        List<Committed> committed;
        try {
            committed = together(batch);
        } catch (RuntimeException | Error e) {
            if (batch.size() == 1) {
                batch.get(0).result().completeExceptionally(e);
                return;
            }
            LOG.debug("A batch of {} commands failed; each is run alone", batch.size(), e);
            batch.forEach(pending -> commit(List.of(pending)));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(committed.get(i));
        }
    }

    /** Runs the batch's commands in one unit of work and one transaction, the stored positions read before commit. */
    private List<Committed> together(List<Pending> batch) {
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("batch of " + batch.size()));
        unit.attachTransaction(transactions);
        List<Committed> committed = new ArrayList<>(batch.size());
        try {
            List<Outcome> outcomes = new ArrayList<>(batch.size());
            for (Pending pending : batch) {
                outcomes.add(commands.sendAndWait(pending.message()));
            }
            // Registered after the commands', so it runs once the events are appended, on the same connection.
            unit.onPrepareCommit(u -> committed.addAll(stored(batch, outcomes)));
        } catch (RuntimeException | Error e) {
            unit.rollback(e);
            throw e;
        }
        unit.commit();
        return committed;
    }

    private List<Committed> stored(List<Pending> batch, List<Outcome> outcomes) {
        List<EventKey> appended = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (outcomes.get(i) instanceof Outcome.Recorded recorded) {
                appended.add(new EventKey(batch.get(i).command().migrationId(), recorded.sequence()));
            }
        }
        Map<EventKey, Stored> stored = new HashMap<>();
        if (!appended.isEmpty()) {
            jdbc.query(STORED, EventKey.asArrays(appended), row -> {
                stored.put(new EventKey(row.getString(1), row.getLong(2)),
                        new Stored(row.getLong(3), Instant.parse(row.getString(4))));
            });
        }
        List<Committed> committed = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Optional<Stored> where = outcomes.get(i) instanceof Outcome.Recorded recorded
                    ? Optional.of(required(stored, new EventKey(batch.get(i).command().migrationId(),
                            recorded.sequence())))
                    : Optional.empty();
            committed.add(new Committed(outcomes.get(i), where));
        }
        return committed;
    }

    private static Stored required(Map<EventKey, Stored> stored, EventKey key) {
        Stored where = stored.get(key);
        if (where == null) {
            throw new IllegalStateException("event " + key.sequence() + " of " + key.migrationId()
                    + " was appended but cannot be read");
        }
        return where;
    }

    private static TransientDataAccessResourceException shuttingDown() {
        return new TransientDataAccessResourceException(
                "the ledger is shutting down; nothing of this request was written");
    }

    private record Pending(org.axonframework.commandhandling.CommandMessage<?> message, MigrationCommand command,
            CompletableFuture<Committed> result) {
    }
}
