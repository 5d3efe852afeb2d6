package io.ledger.history;

import io.ledger.api.MigrationStatus;
import io.ledger.web.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryQueryTest {

    @Test
    void cursorRoundTripsTheInstantAndTheId() {
        HistoryQuery.Cursor cursor = new HistoryQuery.Cursor(Instant.parse("2026-05-12T02:00:00.123456Z"),
                "orders-status-v42@prod:+=,~");

        assertThat(HistoryQuery.Cursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void statusesMayBeRepeatedOrCommaSeparated() {
        MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
        parameters.add("status", "failed,aborted");
        parameters.add("status", "rolled-back");

        assertThat(HistoryQuery.parse(parameters, 50).statuses())
                .containsExactlyInAnyOrder(MigrationStatus.FAILED, MigrationStatus.ABORTED, MigrationStatus.ROLLED_BACK);
    }

    @Test
    void everyInvalidParameterIsNamedAtOnce() {
        MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
        parameters.add("status", "done");
        parameters.add("from", "today");
        parameters.add("limit", "1000");

        assertThatThrownBy(() -> HistoryQuery.parse(parameters, 50))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> assertThat(invalid.problems())
                        .extracting(InvalidRequestException.FieldProblem::field)
                        .containsExactlyInAnyOrder("status", "from", "limit"));
    }
}
