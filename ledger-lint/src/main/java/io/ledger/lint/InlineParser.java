package io.ledger.lint;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Parses a statement with JSqlParser on the calling thread, and stops a parse that runs past its time limit.
 * JSqlParser keeps its limit by running each parse on an executor and waiting for it: on a busy machine that cost a
 * plan one thread handoff per statement, forty in a row for a plan of twenty phases, each waiting for the parser's
 * thread to be scheduled (docs/benchmarks.md, run 7). Here its executor runs the parse where it is called, and a
 * watchdog raises JSqlParser's own stop flag on a parse that overruns.
 */
final class InlineParser {

    /** JSqlParser's default limit. */
    static final Duration LIMIT = Duration.ofSeconds(8);

    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();
    private static final Here HERE = new Here();
    /**
     * Ends the statement before the input does. JSqlParser's lookahead reads past the last token, and each read at
     * the end of its input throws and catches an IOException: nine for a plain UPDATE, each filling in a stack
     * trace some 150 frames deep under a request, which made half the cost of linting a plan. After a semicolon
     * its lookahead stops. On a line of its own, so that no comment the text ends in can take it in.
     */
    private static final String TERMINATOR = "\n;";

    private final Duration limit;

    InlineParser(Duration limit) {
        this.limit = limit;
    }

    /**
     * The parsed statement, or null when JSqlParser cannot read it in time (it answers some with
     * UnsupportedStatement).
     */
    Statement parse(String sql) {
        // JSqlParser makes a second parser when its simple parsing fails, so each parser gets a watchdog of its own.
        List<ScheduledFuture<?>> watches = new ArrayList<>(2);
        try {
            Statement parsed = CCJSqlParserUtil.parse(sql + TERMINATOR, HERE, parser -> watches.add(WATCHDOG.schedule(
                    () -> parser.interrupted = true, limit.toNanos(), TimeUnit.NANOSECONDS)));
            return parsed instanceof UnsupportedStatement ? null : parsed;
        } catch (JSQLParserException | RuntimeException unreadable) {
            return null;
        } finally {
            watches.forEach(watch -> watch.cancel(false));
        }
    }

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, task -> {
            // A daemon, so that the command line still exits.
            Thread thread = new Thread(task, "sql-parser-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        // Almost every watch is cancelled long before it is due; they would otherwise stay queued for the limit.
        watchdog.setRemoveOnCancelPolicy(true);
        return watchdog;
    }

    /** Runs each task where it is submitted. Shared and never shut down. */
    private static final class Here extends AbstractExecutorService {

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public void shutdown() {
            throw new UnsupportedOperationException("the parsers' executor is shared");
        }

        @Override
        public List<Runnable> shutdownNow() {
            throw new UnsupportedOperationException("the parsers' executor is shared");
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
        }
    }
}
