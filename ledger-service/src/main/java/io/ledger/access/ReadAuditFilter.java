package io.ledger.access;

import io.ledger.api.access.Role;
import io.ledger.web.ApplicationPath;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Records each read made with an auditor's token once it is answered: who asked for what, when, with which
 * answer. Reads are the GETs and HEADs under {@code /api}, and the verification of a stored checkpoint, which is
 * posted but answers with the ledger's events. It runs after the security filters, so it sees the authenticated
 * caller; a read refused by them is in the log instead (io.ledger.access.DeniedResponses).
 */
@Component
class ReadAuditFilter extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD");
    private static final String VERIFY = "/api/v1/ledger/verify";

    private final ReadAudit audit;
    private final Clock clock = Clock.systemUTC();

    ReadAuditFilter(ReadAudit audit) {
        this.audit = audit;
    }

    /** The caller first: a runner's write, the bulk of the traffic, is passed by without decoding its path. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        boolean read = READS.contains(request.getMethod());
        if (!read && !"POST".equals(request.getMethod()) || auditor().isEmpty()) {
            return true;
        }
        String path = ApplicationPath.of(request);
        return !path.startsWith("/api/") || !read && !path.equals(VERIFY);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller auditor = auditor().orElseThrow();
        Instant at = clock.instant();
        try {
            chain.doFilter(request, response);
        } finally {
            audit.record(at, auditor.name(), request.getMethod(), ApplicationPath.of(request),
                    request.getQueryString(), response.getStatus());
        }
    }

    private static Optional<Caller> auditor() {
        return Callers.current().filter(caller -> caller.has(Role.AUDITOR));
    }
}
