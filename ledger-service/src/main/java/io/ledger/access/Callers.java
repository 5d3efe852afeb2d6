package io.ledger.access;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/** The caller of the request this thread is serving, if it authenticated. */
final class Callers {

    private Callers() {
    }

    static Optional<Caller> current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    static Optional<Caller> of(Authentication authentication) {
        return authentication instanceof CallerAuthentication known ? Optional.of(known.getPrincipal())
                : Optional.empty();
    }
}
