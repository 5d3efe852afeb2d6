package io.ledger.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer <token>}. A request without the header goes on unauthenticated, and the
 * URL rules decide whether that is enough (health probes); a header that does not name a working token is answered
 * {@code 401} at once, saying whether the token is unknown, expired or revoked.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String SCHEME = "Bearer ";

    private final Tokens tokens;
    private final DeniedResponses denied;
    private final Clock clock = Clock.systemUTC();

    BearerTokenFilter(Tokens tokens, DeniedResponses denied) {
        this.tokens = tokens;
        this.denied = denied;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        // A proxy that reads the last of several headers would let through whom the ledger does not.
        if (Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION)).size() > 1) {
            reject(request, response, "the request has more than one Authorization header; send one",
                    DeniedResponses.ANONYMOUS);
            return;
        }
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) || header.substring(SCHEME.length()).isBlank()) {
            reject(request, response, "the Authorization header must be 'Bearer <token>'", DeniedResponses.ANONYMOUS);
            return;
        }
        Optional<StoredToken> token = tokens.find(header.substring(SCHEME.length()).strip());
        Instant now = clock.instant();
        if (token.isEmpty()) {
            reject(request, response, "the bearer token is not one this ledger issued", DeniedResponses.ANONYMOUS);
        } else if (token.get().revoked()) {
            reject(request, response, "token " + token.get().name() + " was revoked at " + token.get().revokedAt(),
                    "token " + token.get().name());
        } else if (token.get().expiredAt(now)) {
            reject(request, response, "token " + token.get().name() + " expired at " + token.get().expiresAt(),
                    "token " + token.get().name());
        } else {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new CallerAuthentication(token.get().caller()));
            SecurityContextHolder.setContext(context);
            chain.doFilter(request, response);
        }
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, String reason, String who)
            throws IOException {
        denied.unauthenticated(request, response, reason, who);
    }
}
