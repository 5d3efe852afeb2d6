package io.ledger.history;

import io.ledger.api.MigrationStatus;
import io.ledger.web.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

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

    @ParameterizedTest
    @ValueSource(strings = {"2026-05-12T01:58:10.120Z|x\u0000y", "+999999999-05-12T01:58:10.120Z|x",
            "-5000-05-12T01:58:10.120Z|x"})
    void aForgedCursorIsRefusedBeforeItReachesTheDatabase(String decoded) {
        MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
        parameters.add("cursor", Base64.getUrlEncoder().withoutPadding()
                .encodeToString(decoded.getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> HistoryQuery.parse(parameters, 50))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> assertThat(invalid.problems())
                        .extracting(InvalidRequestException.FieldProblem::field).containsExactly("cursor"));
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
