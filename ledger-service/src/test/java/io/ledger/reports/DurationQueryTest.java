package io.ledger.reports;

import io.ledger.web.InvalidRequestException;
import io.ledger.web.InvalidRequestException.FieldProblem;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DurationQueryTest {

    private static final Instant NOW = Instant.parse("2026-05-20T12:00:00Z");

    @Test
    void defaultsToDatabasesByDayOverTheWholeLedger() {
        assertThat(DurationQuery.parse(parameters(), NOW))
                .isEqualTo(new DurationQuery(DurationQuery.GroupBy.DATABASE, DurationQuery.Bucket.DAY, null, null));
    }

    @Test
    void aDateMeansItsFirstInstantInUtc() {
        DurationQuery query = DurationQuery.parse(parameters("groupBy", "step", "bucket", "month",
                "from", "2026-05-11", "to", "2026-05-12T06:30:00Z"), NOW);
        assertThat(query.groupBy()).isEqualTo(DurationQuery.GroupBy.STEP);
        assertThat(query.bucket()).isEqualTo(DurationQuery.Bucket.MONTH);
        assertThat(query.from()).isEqualTo(Instant.parse("2026-05-11T00:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-05-12T06:30:00Z"));
    }

    @Test
    void everyBadParameterIsNamedAtOnce() {
        InvalidRequestException invalid = catchThrowableOfType(InvalidRequestException.class,
                () -> DurationQuery.parse(parameters("groupBy", "Database", "bucket", "year", "from", "soon",
                        "to", "later", "foo", "1"), NOW));
        assertThat(invalid.problems()).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("foo", "groupBy", "bucket", "from", "to");
    }

    @Test
    void theWindowMustNotBeEmpty() {
        InvalidRequestException invalid = catchThrowableOfType(InvalidRequestException.class,
                () -> DurationQuery.parse(parameters("from", "2026-05-11", "to", "2026-05-11"), NOW));
        assertThat(invalid.problems()).containsExactly(new FieldProblem("to", "must be after from"));
    }

    @Test
    void aFromAfterNowIsRefusedSayingToDefaultedToNow() {
        InvalidRequestException invalid = catchThrowableOfType(InvalidRequestException.class,
                () -> DurationQuery.parse(parameters("from", "2026-11-23"), NOW));
        assertThat(invalid.problems()).containsExactly(new FieldProblem("from",
                "must be before to, which defaulted to now (2026-05-20T12:00:00Z)"));
    }

    @Test
    void instantsAndDatesOutsideTheYears0001Through9999AreNamed() {
        InvalidRequestException invalid = catchThrowableOfType(InvalidRequestException.class,
                () -> DurationQuery.parse(parameters("from", "-5000-01-01", "to", "+300000-01-01T00:00:00Z"), NOW));
        assertThat(invalid.problems()).extracting(FieldProblem::field).containsExactly("from", "to");
        assertThat(invalid.problems()).allSatisfy(problem ->
                assertThat(problem.message()).startsWith("must be in the years 0001 through 9999"));
    }

    private static MultiValueMap<String, String> parameters(String... namesAndValues) {
        MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return parameters;
    }
}
