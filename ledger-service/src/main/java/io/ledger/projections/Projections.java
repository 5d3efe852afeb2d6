package io.ledger.projections;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The read models, each an Axon streaming processor: their progress against the ledger, and their replay. */
@Component
public class Projections {

    private final EventProcessingConfiguration processing;
    private final EventStore events;
    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final ProjectionFailures failures;
    private final Serializer serializer;
    private final Clock clock = Clock.systemUTC();

    Projections(EventProcessingConfiguration processing, EventStore events, JdbcTemplate jdbc, MeterRegistry meters,
            ProjectionFailures failures, org.axonframework.config.Configuration axon) {
        this.processing = processing;
        this.events = events;
        this.jdbc = jdbc;
        this.meters = meters;
        this.failures = failures;
        this.serializer = axon.serializer();
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerLagGauges() {
        processors().forEach(processor -> {
            Gauge.builder("ledger.projection.lag.events", () -> status(processor).lagEvents())
                    .tag("projection", processor.getName())
                    .description("Ledger positions not yet processed by the read model")
                    .register(meters);
            Gauge.builder("ledger.projection.lag.seconds", () -> status(processor).lagSeconds())
                    .tag("projection", processor.getName())
                    .description("Age of the oldest event the read model has not processed")
                    .register(meters);
        });
    }

    public List<ProjectionStatus> all() {
        return processors().stream().map(this::status).toList();
    }

    public Optional<ProjectionStatus> one(String name) {
        return processor(name).map(this::status);
    }

    /**
     * Empties the read model and rebuilds it from the first event of the ledger. Its {@code @ResetHandler}s clear its
     * tables; its token goes back to the tail; it catches up in the background.
     */
    public Optional<ProjectionStatus> replay(String name) {
        return processor(name).map(processor -> {
            processor.shutDown();
            failures.forget(name);
            processor.resetTokens();
            processor.start();
            return status(processor);
        });
    }

    /**
     * Stops the read model where it is: it releases its token and processes nothing until resumed, while the ledger
     * keeps accepting events and its lag grows. Not kept across a restart, which starts every read model.
     */
    public Optional<ProjectionStatus> pause(String name) {
        return processor(name).map(processor -> {
            processor.shutDown();
            return status(processor);
        });
    }

    /** Starts a paused read model again; it catches up from where it stopped, in the background. */
    public Optional<ProjectionStatus> resume(String name) {
        return processor(name).map(processor -> {
            if (!processor.isRunning()) {
                processor.start();
            }
            return status(processor);
        });
    }

    /** Whether every read model has processed everything appended so far. */
    public boolean caughtUp() {
        return all().stream().allMatch(ProjectionStatus::caughtUp);
    }

    private ProjectionStatus status(StreamingEventProcessor processor) {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        long head = position(events.createHeadToken()).orElse(-1);
        OptionalLong current = segments.isEmpty() ? storedPosition(processor.getName())
                : segments.stream().map(EventTrackerStatus::getCurrentPosition)
                        .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min();
        boolean replaying = segments.stream().anyMatch(Projections::stillReplaying);
        // Positions start at 1: one that has processed nothing is at 0, and behind by the head's position.
        long lag = Math.max(0, head - current.orElse(0));
        String error = segments.stream().filter(EventTrackerStatus::isErrorState)
                .map(segment -> String.valueOf(segment.getError())).findFirst()
                .or(() -> failures.current(processor.getName(), current).map(ProjectionFailures.Failure::describe))
                .orElse(null);
        return new ProjectionStatus(processor.getName(), processor.isRunning(), replaying, lag == 0 && !replaying,
                current.isPresent() ? current.getAsLong() : null, head, lag, lagSeconds(current, lag),
                replaying ? replayProgress(segments) : null, error);
    }

    /**
     * A processor that is stopped (paused) or has not claimed its segments yet reports none: where it is, is the
     * lowest of the tokens it stored. Read, not fetched, as fetching a token claims it.
     */
    private OptionalLong storedPosition(String name) {
        return jdbc.query("SELECT token, tokentype FROM tokenentry WHERE processorname = ? AND token IS NOT NULL",
                        (row, n) -> serializer.<byte[], TrackingToken>deserialize(new SimpleSerializedObject<>(
                                row.getBytes("token"), byte[].class, row.getString("tokentype"), null)), name)
                .stream().map(token -> position(WrappedToken.unwrapLowerBound(token)))
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min();
    }

    private double lagSeconds(OptionalLong current, long lag) {
        if (lag == 0) {
            return 0;
        }
        List<String> oldest = jdbc.queryForList("SELECT timestamp FROM domainevententry WHERE globalindex > ? "
                + "ORDER BY globalindex LIMIT 1", String.class, current.orElse(-1));
        return oldest.isEmpty() ? 0
                : Math.max(0, Duration.between(Instant.parse(oldest.get(0)), clock.instant()).toMillis() / 1000.0);
    }

    /**
     * Axon keeps a segment's replay token until an event beyond the reset position arrives, so on a quiet ledger a
     * finished replay still says it is replaying; it is done once it reached the position it was reset from.
     */
    private static boolean stillReplaying(EventTrackerStatus segment) {
        return segment.isReplaying() && segment.getCurrentPosition().orElse(-1) < segment.getResetPosition().orElse(0);
    }

    private static Double replayProgress(Collection<EventTrackerStatus> segments) {
        return segments.stream().filter(Projections::stillReplaying)
                .map(segment -> {
                    long done = segment.getCurrentPosition().orElse(0);
                    long target = segment.getResetPosition().orElse(0);
                    return target <= 0 ? 0.0 : Math.min(1.0, (double) done / target);
                })
                .min(Comparator.naturalOrder()).orElse(null);
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }

    /** A read model can be rebuilt from the ledger; a processor that must never be replayed is none. */
    private List<StreamingEventProcessor> processors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .filter(StreamingEventProcessor::supportsReset)
                .sorted(Comparator.comparing(StreamingEventProcessor::getName)).toList();
    }

    private Optional<StreamingEventProcessor> processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .filter(StreamingEventProcessor::supportsReset);
    }
}
