package io.ledger.access;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.function.Supplier;

/**
 * The last rule: a method and path no other rule names. They stay closed, so that a new endpoint is refused until a
 * rule opens it, but a caller whose token is good learns that nothing answers there ({@code 404}) rather than that
 * its roles fall short, which no role would change; a caller without a good token still gets {@code 401}.
 */
final class NoEndpoint implements AuthorizationManager<RequestAuthorizationContext> {

    /** Set on a request this rule refused; DeniedResponses answers it as not found. */
    static final String ATTRIBUTE = NoEndpoint.class.getName();

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        context.getRequest().setAttribute(ATTRIBUTE, Boolean.TRUE);
        return new AuthorizationDecision(false);
    }
}
