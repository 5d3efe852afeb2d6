package io.ledger.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
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
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) || header.substring(SCHEME.length()).isBlank()) {
            reject(request, response, "the Authorization header must be 'Bearer <token>'");
            return;
        }
        Optional<StoredToken> token = tokens.find(header.substring(SCHEME.length()).strip());
        Instant now = clock.instant();
        if (token.isEmpty()) {
            reject(request, response, "the bearer token is not one this ledger issued");
        } else if (token.get().revoked()) {
            reject(request, response, "token " + token.get().name() + " was revoked at " + token.get().revokedAt());
        } else if (token.get().expiredAt(now)) {
            reject(request, response, "token " + token.get().name() + " expired at " + token.get().expiresAt());
        } else {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new CallerAuthentication(token.get().caller()));
            SecurityContextHolder.setContext(context);
            chain.doFilter(request, response);
        }
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
        denied.commence(request, response, new BadCredentialsException(reason));
    }
}
