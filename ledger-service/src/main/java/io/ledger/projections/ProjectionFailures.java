package io.ledger.projections;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last batch each read model failed to commit. Axon rolls such a batch back and retries it from the same place,
 * which is right, but says so only in the log, and a pooled processor that gave its segment up between retries
 * reports no position at all: a read model stuck on one event looked merely slow in {@code /admin/projections}.
 * The failure is kept until the read model gets past the batch, and the batch is still retried as before.
 */
@Component
class ProjectionFailures implements ErrorHandler, ConfigurerModule {

    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /** A batch the read model could not commit: its first and last ledger positions, and why. */
    record Failure(long from, long to, String error, Instant at) {

        String describe() {
            return error + " (positions " + from + " to " + to + ", last tried " + at + ")";
        }
    }

    @Override
    public void configureModule(org.axonframework.config.Configurer configurer) {
        configurer.eventProcessing().registerDefaultErrorHandler(axon -> this);
    }

    @Override
    public void handleError(ErrorContext context) throws Exception {
        LongSummaryStatistics positions = context.failedEvents().stream().map(ProjectionFailures::position)
                .flatMapToLong(OptionalLong::stream).summaryStatistics();
        if (positions.getCount() > 0) {
            failures.put(context.eventProcessor(), new Failure(positions.getMin(), positions.getMax(),
                    String.valueOf(context.error()), clock.instant()));
        }
        PropagatingErrorHandler.instance().handleError(context);
    }

    /** The read model's failure, unless it has since processed the batch that failed. */
    Optional<Failure> current(String processor, OptionalLong processedUpTo) {
        Failure failure = failures.get(processor);
        if (failure != null && processedUpTo.isPresent() && processedUpTo.getAsLong() >= failure.to()) {
            failures.remove(processor, failure);
            return Optional.empty();
        }
        return Optional.ofNullable(failure);
    }

    /** A replay starts the read model over: what failed before says nothing about the new run yet. */
    void forget(String processor) {
        failures.remove(processor);
    }

    private static OptionalLong position(EventMessage<?> event) {
        if (event instanceof TrackedEventMessage<?> tracked) {
            TrackingToken token = tracked.trackingToken();
            return token == null ? OptionalLong.empty() : token.position();
        }
        return OptionalLong.empty();
    }
}
