package io.ledger.access;

import io.ledger.api.access.IssuedToken;
import io.ledger.api.access.TokenRequest;
import io.ledger.api.access.TokenView;
import io.ledger.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

/** Admins manage tokens: create (the secret is in this answer only), list, revoke. */
@RestController
@RequestMapping(path = "/api/v1/admin/tokens", produces = {APPLICATION_JSON_VALUE, APPLICATION_PROBLEM_JSON_VALUE})
class TokensController {

    private final Tokens tokens;

    TokensController(Tokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping(consumes = APPLICATION_JSON_VALUE)
    ResponseEntity<IssuedToken> create(@RequestBody(required = false) TokenRequest request,
            @AuthenticationPrincipal Caller caller) {
        IssuedToken issued = tokens.issue(request, caller.name());
        return ResponseEntity.created(URI.create("/api/v1/admin/tokens/" + issued.name())).body(issued);
    }

    @GetMapping
    List<TokenView> list() {
        return tokens.list();
    }

    @DeleteMapping("/{name}")
    ResponseEntity<?> revoke(@PathVariable String name, @AuthenticationPrincipal Caller caller) {
        return tokens.revoke(name, caller.name()).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.problem(
                        HttpStatus.NOT_FOUND, "token-not-found", "Token not found", "no token is named " + name)));
    }
}
