package io.ledger.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransientFailureFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TransientFailureFilter filter = new TransientFailureFilter(JSON);

    @Test
    void aDatabaseOutOfReachBeforeAnyControllerIsA503ProblemToRetry() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/migrations"), response, (request, answer) -> {
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                    new SQLTransientConnectionException("Connection is not available, request timed out after 5000ms"));
        });

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(response.getContentAsString());
        assertThat(problem.get("type").asText()).isEqualTo("urn:migration-ledger:problem:unavailable");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/v1/migrations");
    }

    @Test
    void anyOtherFailureGoesOnToBeAnsweredAsBefore() {
        assertThatThrownBy(() -> filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/history"),
                new MockHttpServletResponse(), (request, answer) -> {
                    throw new IllegalStateException("a bug");
                })).isInstanceOf(IllegalStateException.class).hasMessage("a bug");
    }
}
