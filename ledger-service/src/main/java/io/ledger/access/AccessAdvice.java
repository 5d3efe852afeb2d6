package io.ledger.access;

import jakarta.servlet.http.HttpServletRequest;
import io.ledger.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refusals that depend on the request's content (a migration outside the token's scope, a body naming another
 * token), found by controllers after the URL rules let the call in. Ordered first so that the catch-all of
 * io.ledger.web never turns one into a {@code 500}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessAdvice {

    private final DeniedResponses denied;

    AccessAdvice(DeniedResponses denied) {
        this.denied = denied;
    }

    @ExceptionHandler(Forbidden.class)
    ResponseEntity<ProblemDetail> forbidden(Forbidden forbidden, HttpServletRequest request) {
        String who = Callers.current().map(caller -> "token " + caller.name()).orElse("anonymous");
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(denied.logged(request, HttpStatus.FORBIDDEN, forbidden.getMessage(), who));
    }

    @ExceptionHandler(TokenConflictException.class)
    ResponseEntity<ProblemDetail> conflict(TokenConflictException conflict) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.problem(HttpStatus.CONFLICT,
                "token-conflict", "Token conflict", conflict.getMessage()));
    }
}
