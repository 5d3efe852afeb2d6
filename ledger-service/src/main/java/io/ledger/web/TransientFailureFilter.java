package io.ledger.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.platform.TransientFailures;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * A transient failure raised before any controller (the caller's token looked up while the database restarts) is
 * answered as one raised in a controller is (ProblemAdvice): {@code 503} problem details with {@code Retry-After},
 * rather than the servlet container's {@code 500} error page, which runners would not know to retry. First of all
 * filters, so that it sees what the security filters raise.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TransientFailureFilter extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "1";
    private static final Logger LOG = LoggerFactory.getLogger(TransientFailureFilter.class);

    private final ObjectMapper json;

    TransientFailureFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException failure) {
            if (!TransientFailures.isTransient(failure) || response.isCommitted()) {
                throw failure;
            }
            LOG.warn("Asked the caller to retry: {}", failure.toString());
            response.resetBuffer();
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            Problems.write(request, response, json, problem());
        }
    }

    static ProblemDetail problem() {
        return Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
                "the ledger could not commit this request right now; retry it with the same eventId");
    }
}
