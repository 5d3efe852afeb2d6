package io.ledger.web;

import io.ledger.web.InvalidRequestException.FieldProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class QueryParametersTest {

    @Test
    void aParameterOfOneValueGivenTwiceIsNamed() {
        QueryParameters query = new QueryParameters(parameters("limit", "1", "limit", "2"), Set.of("limit"));

        assertThat(problems(query)).containsExactly(new FieldProblem("limit", "given 2 times; give it once"));
    }

    @Test
    void aRepeatableParameterMayBeGivenTwice() {
        QueryParameters query = new QueryParameters(parameters("status", "failed", "status", "aborted"),
                Set.of("status"), Set.of("status"));

        query.throwIfAny();
        assertThat(query.values("status")).containsExactly("failed", "aborted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5000-01-01T00:00:00Z", "+300000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
            "+1000000000-12-31T23:59:59.999999999Z", "0000-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z"})
    void anInstantOutsideTheYears0001Through9999IsNamed(String instant) {
        QueryParameters query = new QueryParameters(parameters("from", instant), Set.of("from"));

        assertThat(query.instant("from", false)).isNull();
        assertThat(problems(query)).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("from");
            assertThat(problem.message()).startsWith("must be in the years 0001 through 9999");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"})
    void theFirstAndTheLastInstantOfTheRangeAreTaken(String instant) {
        QueryParameters query = new QueryParameters(parameters("from", instant), Set.of("from"));

        assertThat(query.instant("from", true)).isEqualTo(Instant.parse(instant));
        query.throwIfAny();
    }

    private static MultiValueMap<String, String> parameters(String... namesAndValues) {
        MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return parameters;
    }

    private static List<FieldProblem> problems(QueryParameters query) {
        InvalidRequestException invalid = catchThrowableOfType(InvalidRequestException.class, query::throwIfAny);
        return invalid == null ? List.of() : invalid.problems();
    }
}
