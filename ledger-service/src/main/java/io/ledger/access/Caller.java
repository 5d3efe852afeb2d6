package io.ledger.access;

import io.ledger.api.access.Role;
import io.ledger.api.access.TokenScope;

import java.util.List;
import java.util.Set;

/** Who is calling: the token the request authenticated with, its roles and its scope. */
public record Caller(String name, Set<Role> roles, TokenScope scope) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Auditors and admins read every migration; runners and approvers only those in their scope. */
    public boolean readsEverything() {
        return has(Role.AUDITOR) || has(Role.ADMIN);
    }

    public boolean reaches(String database, String environment) {
        return anyMatches(scope.databases(), database) && anyMatches(scope.environments(), environment);
    }

    /** @throws Forbidden naming what {@code action} needs, unless this caller has {@code role} */
    public void require(Role role, String action) {
        if (!has(role)) {
            throw new Forbidden("token " + name + " has the roles " + StoredToken.sorted(roles).stream()
                    .map(Role::wireId).toList() + "; " + action + " needs the " + role.wireId() + " role");
        }
    }

    /** @throws Forbidden unless the database and environment are in this caller's scope */
    public void requireReach(String database, String environment, String action) {
        if (!reaches(database, environment)) {
            throw new Forbidden(outOfScope(action, database, environment));
        }
    }

    String outOfScope(String action, String database, String environment) {
        return "token " + name + " may not " + action + ": " + database + " in " + environment
                + " is outside its scope (databases " + scope.databases() + ", environments "
                + scope.environments() + ")";
    }

    private static boolean anyMatches(List<String> patterns, String name) {
        return patterns.stream().anyMatch(pattern -> Glob.matches(pattern, name));
    }
}
