package io.ledger.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WriteAdmissionFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WriteAdmissionFilter filter =
            new WriteAdmissionFilter(new WriteLimits(1, Duration.ofMillis(20)), JSON);

    /** However its path is spelled: {@code %61} is the {@code a} the controllers route it by. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/migrations/m1/events", "/%61pi/v1/migrations/m1/events"})
    void aWriteBeyondTheLimitIsShedWith503ProblemAndRetryAfter(String path) throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> {
            MockHttpServletResponse response = new MockHttpServletResponse();
            try {
                filter.doFilter(post(), response, (request, answer) -> {
                    inside.countDown();
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return response;
        });
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse shed = new MockHttpServletResponse();
        MockFilterChain notReached = new MockFilterChain();
        filter.doFilter(new MockHttpServletRequest("POST", path), shed, notReached);
        release.countDown();

        assertThat(notReached.getRequest()).isNull();
        assertThat(shed.getStatus()).isEqualTo(503);
        assertThat(shed.getHeader("Retry-After")).isEqualTo("1");
        assertThat(shed.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(shed.getContentAsString());
        assertThat(problem.get("type").asText()).isEqualTo("urn:migration-ledger:problem:overloaded");
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(first.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    }

    @Test
    void aPermitIsReturnedWhenTheWriteEnds() throws Exception {
        filter.doFilter(post(), new MockHttpServletResponse(), new MockFilterChain());
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(post(), new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
    }

    @Test
    void readsAreNeverShed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture.runAsync(() -> {
            try {
                filter.doFilter(post(), new MockHttpServletResponse(), (request, answer) -> {
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/migrations/m1"), new MockHttpServletResponse(), chain);
        release.countDown();

        assertThat(chain.getRequest()).isNotNull();
    }

    @Test
    void verifyingACheckpointWritesNothingAndIsNeverShed() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
            try {
                filter.doFilter(post(), new MockHttpServletResponse(), (request, answer) -> {
                    inside.countDown();
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/ledger/verify"), new MockHttpServletResponse(), chain);
        release.countDown();
        write.get(5, TimeUnit.SECONDS);

        assertThat(chain.getRequest()).isNotNull();
    }

    private static MockHttpServletRequest post() {
        return new MockHttpServletRequest("POST", "/api/v1/migrations/m1/events");
    }
}
