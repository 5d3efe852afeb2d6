package io.ledger.reports;

import io.ledger.web.InvalidRequestException;
import io.ledger.web.InvalidRequestException.FieldProblem;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DurationQueryTest {

    @Test
    void defaultsToDatabasesByDayOverTheWholeLedger() {
        assertThat(DurationQuery.parse(null, null, null, null))
                .isEqualTo(new DurationQuery(DurationQuery.GroupBy.DATABASE, DurationQuery.Bucket.DAY, null, null));
    }

    @Test
    void aDateMeansItsFirstInstantInUtc() {
        DurationQuery query = DurationQuery.parse("step", "month", "2026-05-11", "2026-05-12T06:30:00Z");
        assertThat(query.groupBy()).isEqualTo(DurationQuery.GroupBy.STEP);
        assertThat(query.bucket()).isEqualTo(DurationQuery.Bucket.MONTH);
        assertThat(query.from()).isEqualTo(Instant.parse("2026-05-11T00:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-05-12T06:30:00Z"));
    }

    @Test
    void everyBadParameterIsNamedAtOnce() {
        InvalidRequestException invalid = catchThrowableOfType(InvalidRequestException.class,
                () -> DurationQuery.parse("Database", "year", "soon", "later"));
        assertThat(invalid.problems()).extracting(FieldProblem::field).containsExactly("groupBy", "bucket", "from", "to");
    }

    @Test
    void theWindowMustNotBeEmpty() {
        InvalidRequestException invalid = catchThrowableOfType(InvalidRequestException.class,
                () -> DurationQuery.parse(null, null, "2026-05-11", "2026-05-11"));
        assertThat(invalid.problems()).containsExactly(new FieldProblem("to", "must be after from"));
    }
}
