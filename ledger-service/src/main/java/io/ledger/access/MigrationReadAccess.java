package io.ledger.access;

import io.ledger.api.access.Role;
import io.ledger.web.ApplicationPath;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads of one migration ({@code GET /api/v1/migrations/{id}} and below): auditors and admins read every one,
 * runners and approvers those in their scope. A migration that does not exist is left to the controller's
 * {@code 404}.
 */
final class MigrationReadAccess implements AuthorizationManager<RequestAuthorizationContext> {

    private final MigrationTargets targets;

    MigrationReadAccess(MigrationTargets targets) {
        this.targets = targets;
    }

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        Optional<Caller> caller = Callers.of(authentication.get());
        if (caller.isEmpty()) {
            return new AuthorizationDecision(false);
        }
        if (caller.get().readsEverything()) {
            return new AuthorizationDecision(true);
        }
        if (!caller.get().has(Role.RUNNER) && !caller.get().has(Role.APPROVER)) {
            return new AuthorizationDecision(false);
        }
        // The rule matched /api/v1/migrations/{id} and below, decoded: the id is the fourth segment, absent from
        // /api/v1/migrations/, which names no migration and is left to Spring's 404.
        List<String> segments = ApplicationPath.segments(context.getRequest());
        String id = segments.size() > 3 ? segments.get(3) : "";
        Optional<MigrationTargets.Target> target = targets.of(id);
        if (target.isEmpty() || caller.get().reaches(target.get().database(), target.get().environment())) {
            return new AuthorizationDecision(true);
        }
        context.getRequest().setAttribute(DeniedResponses.REASON,
                caller.get().outOfScope("read " + id, target.get().database(), target.get().environment()));
        return new AuthorizationDecision(false);
    }
}
