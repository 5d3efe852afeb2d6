package io.ledger.access;

import io.ledger.api.access.Role;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.List;

/** A request authenticated by a bearer token; each role is the authority {@code ROLE_<ROLE>}. */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    CallerAuthentication(Caller caller) {
        super(List.copyOf(caller.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList()));
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        // The secret is never kept past the look-up.
        return null;
    }

    @Override
    public String getName() {
        return caller.name();
    }
}
