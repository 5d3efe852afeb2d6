package io.ledger.projections;

import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A read model's failed batch is kept, and shown, until the read model gets past it; the batch is still retried. */
class ProjectionFailuresTest {

    private final ProjectionFailures failures = new ProjectionFailures();

    @Test
    void failedBatchIsRetriedAndShownUntilTheReadModelGetsPastIt() {
        SQLException refused = new SQLException("new row violates check constraint");

        assertThatThrownBy(() -> failures.handleError(new ErrorContext("history", refused, List.of(at(41), at(43)))))
                .isSameAs(refused);

        assertThat(failures.current("history", OptionalLong.empty())).hasValueSatisfying(failure -> {
            assertThat(failure.from()).isEqualTo(41);
            assertThat(failure.to()).isEqualTo(43);
            assertThat(failure.describe()).contains("violates check constraint", "positions 41 to 43");
        });
        assertThat(failures.current("history", OptionalLong.of(40))).isPresent();
        assertThat(failures.current("timeline", OptionalLong.empty())).isEmpty();

        assertThat(failures.current("history", OptionalLong.of(43))).isEmpty();
        assertThat(failures.current("history", OptionalLong.empty())).isEmpty();
    }

    @Test
    void replayForgetsTheFailure() {
        assertThatThrownBy(() -> failures.handleError(new ErrorContext("alerts", new IllegalStateException("bug"),
                List.of(at(7)))));

        failures.forget("alerts");

        assertThat(failures.current("alerts", OptionalLong.empty())).isEmpty();
    }

    private static TrackedEventMessage<?> at(long position) {
        return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position),
                GenericEventMessage.asEventMessage("event at " + position));
    }
}
