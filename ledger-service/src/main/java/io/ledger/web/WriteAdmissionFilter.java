package io.ledger.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sheds load: at most {@code ledger.max-concurrent-writes} writes are in progress at once, and a write that cannot
 * get its turn within {@code ledger.write-admission-timeout} is answered {@code 503} with {@code Retry-After} at
 * once, rather than queueing for a database connection until the caller times out. Nothing of a refused request
 * was written, so the client retries it with the same eventId, or spools it. Reads are not limited.
 */
@Component
class WriteAdmissionFilter extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "1";
    private static final Logger LOG = LoggerFactory.getLogger(WriteAdmissionFilter.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Semaphore permits;
    private final WriteLimits limits;
    private final ObjectMapper json;

    WriteAdmissionFilter(WriteLimits limits, ObjectMapper json) {
        this.permits = new Semaphore(limits.maxConcurrentWrites());
        this.limits = limits;
        this.json = json;
    }

    /** Verifying a checkpoint is posted, yet writes nothing, and may take long enough to starve the writers. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!WRITES.contains(request.getMethod())) {
            return true;
        }
        String path = ApplicationPath.of(request);
        return !path.startsWith("/api/") || path.equals("/api/v1/ledger/verify");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(limits.writeAdmissionTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            LOG.debug("Shed a write: {} in progress", limits.maxConcurrentWrites());
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            Problems.write(request, response, json, overloaded(limits.maxConcurrentWrites()));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    static ProblemDetail overloaded(int maxConcurrentWrites) {
        return Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Service overloaded",
                "the ledger is working on " + maxConcurrentWrites
                        + " writes already; nothing of this request was written, retry it with the same eventId");
    }
}
