package io.ledger.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.util.ErrorHandler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a scheduled task (signing checkpoints, scanning and sending alerts) that failed logs. Each reads the database
 * every second or few, and while it is unreachable Spring would log every failure with a stack trace of a hundred
 * lines: thousands of lines a minute that bury the one saying what is wrong. A failure a retry may outlast is one
 * line, at most once a minute, counting those left out; any other is logged in full, as Spring would.
 */
@Component
class ScheduledTaskFailures implements ErrorHandler, ThreadPoolTaskSchedulerCustomizer {

    private static final Duration QUIET = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledTaskFailures.class);

    private final Clock clock;
    private final AtomicReference<Instant> lastReported = new AtomicReference<>(Instant.MIN);
    private final AtomicInteger unreported = new AtomicInteger();

    ScheduledTaskFailures() {
        this(Clock.systemUTC());
    }

    ScheduledTaskFailures(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void customize(ThreadPoolTaskScheduler scheduler) {
        scheduler.setErrorHandler(this);
    }

    @Override
    public void handleError(Throwable failure) {
        if (!TransientFailures.isTransient(failure)) {
            LOG.error("Unexpected error occurred in scheduled task", failure);
            return;
        }
        Instant now = clock.instant();
        Instant last = lastReported.get();
        if (now.isBefore(last.plus(QUIET)) || !lastReported.compareAndSet(last, now)) {
            unreported.incrementAndGet();
            return;
        }
        int left = unreported.getAndSet(0);
        LOG.warn("A scheduled task could not reach the database and runs again at its next turn: {}{}",
                rootMessage(failure), left == 0 ? "" : " (" + left + " more such failures in the last "
                        + Duration.between(last, now).toSeconds() + " s)");
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.toString();
    }
}
