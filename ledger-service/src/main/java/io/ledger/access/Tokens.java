package io.ledger.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ledger.api.access.IssuedToken;
import io.ledger.api.access.Role;
import io.ledger.api.access.TokenRequest;
import io.ledger.api.access.TokenScope;
import io.ledger.api.access.TokenView;
import io.ledger.api.event.LedgerEvent;
import io.ledger.web.InvalidRequestException;
import io.ledger.web.InvalidRequestException.FieldProblem;
import io.ledger.web.Names;
import io.ledger.web.StorableInstant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * Issues, finds and revokes tokens. Lookups are cached for {@link #REMEMBERED} so that a busy runner does not cost
 * a query per request; a revocation clears this service's cache at once, and reaches other instances sharing the
 * database within that time (docs/security.md).
 */
@Service
public class Tokens {

    static final Duration REMEMBERED = Duration.ofSeconds(10);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern SCOPE_PATTERN = Pattern.compile("[A-Za-z0-9._@*-]{1,200}");
    private static final String NAMES = "names";
    private static final DateTimeFormatter RECOVERY_SUFFIX =
            DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final TokenTable store;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();
    private final Cache<String, StoredToken> issued = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(REMEMBERED).build();
    /** Apart from the issued ones, so that a flood of made-up secrets cannot push a real token out of its cache. */
    private final Cache<String, Boolean> unknown = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(REMEMBERED).build();
    private final Cache<String, Set<String>> names = Caffeine.newBuilder().expireAfterWrite(REMEMBERED).build();

    Tokens(TokenTable store, TransactionTemplate transactions) {
        this.store = store;
        this.transactions = transactions;
    }

    IssuedToken issue(TokenRequest request, String issuer) {
        TokenRequest valid = requireValid(request, clock.instant());
        TokenScope scope = valid.scope() == null ? TokenScope.EVERYTHING : valid.scope();
        String secret = TokenSecrets.generate();
        StoredToken token = new StoredToken(valid.name(), Set.copyOf(valid.roles()), scope, clock.instant(), issuer,
                valid.expiresAt(), null, null);
        if (!store.create(token, TokenSecrets.hash(secret))) {
            throw new TokenConflictException("a token named " + valid.name()
                    + " exists or existed; names are never reused, so that old events name one token");
        }
        names.invalidateAll();
        return new IssuedToken(token.name(), secret, StoredToken.sorted(token.roles()), scope, token.createdAt(),
                token.expiresAt());
    }

    /**
     * An admin token with this secret, named for the instant it was made, unless the secret belongs to a token
     * already: a recovery secret left set creates nothing more at later starts, and one that was revoked stays so.
     *
     * @return the token the secret belongs to, and whether this call created it
     */
    Recovered recover(String secret) {
        byte[] hash = TokenSecrets.hash(secret);
        Optional<StoredToken> existing = store.bySecretHash(hash);
        if (existing.isPresent()) {
            return new Recovered(existing.get(), false);
        }
        Instant now = clock.instant();
        StoredToken admin = new StoredToken("recovery-" + RECOVERY_SUFFIX.format(now), Set.of(Role.ADMIN),
                TokenScope.EVERYTHING, now, LedgerEvent.LEDGER_ACTOR, null, null, null);
        if (store.create(admin, hash)) {
            names.invalidateAll();
            return new Recovered(admin, true);
        }
        // Another instance, started with the same secret, created it in the same moment.
        return new Recovered(store.bySecretHash(hash).orElseThrow(), false);
    }

    record Recovered(StoredToken token, boolean created) {
    }

    /** The first admin token, when the ledger has no token at all. */
    boolean issueFirst(String name, String secret) {
        StoredToken admin = new StoredToken(name, Set.of(Role.ADMIN), TokenScope.EVERYTHING, clock.instant(),
                LedgerEvent.LEDGER_ACTOR, null, null, null);
        return store.createFirst(admin, TokenSecrets.hash(secret));
    }

    List<TokenView> list() {
        return store.all().stream().map(StoredToken::view).toList();
    }

    /** @return the token as revoked, or empty when no token has that name */
    Optional<TokenView> revoke(String name, String by) {
        Optional<TokenView> revoked = transactions.execute(status -> revokeWithAdminsLocked(name, by));
        issued.invalidateAll();
        return revoked;
    }

    private Optional<TokenView> revokeWithAdminsLocked(String name, String by) {
        store.lockAdmins();
        Optional<StoredToken> token = store.byName(name);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        StoredToken revoked = token.get();
        // Counting admins that work now is not enough: with only an expiring one left, no one could manage tokens
        // once it expired. Revoking never shortens how long some admin token works, and the first admin has no expiry.
        if (revoked.roles().contains(Role.ADMIN) && !revoked.revoked() && !revoked.expiredAt(now)
                && store.otherAdminsWorkingUntil(name, revoked.expiresAt()) == 0) {
            throw new TokenConflictException(name + " is the last admin token that works "
                    + (revoked.expiresAt() == null ? "without an expiry" : "until " + revoked.expiresAt())
                    + "; create another admin token that works as long before revoking this one, or no one could "
                    + "manage tokens once the others expired");
        }
        store.revoke(name, by, now);
        return store.byName(name).map(StoredToken::view);
    }

    /** The token a secret belongs to, whatever its state; empty for a secret the ledger never issued. */
    Optional<StoredToken> find(String secret) {
        byte[] hash = TokenSecrets.hash(secret);
        String key = HexFormat.of().formatHex(hash);
        StoredToken known = issued.getIfPresent(key);
        if (known != null || unknown.getIfPresent(key) != null) {
            return Optional.ofNullable(known);
        }
        Optional<StoredToken> found = store.bySecretHash(hash);
        found.ifPresentOrElse(token -> issued.put(key, token), () -> unknown.put(key, Boolean.TRUE));
        return found;
    }

    /**
     * A request may name the person it acts for ({@code actor}, {@code signer}, {@code by}), but not claim to be
     * another token: the principal recorded with it is always the caller's own token.
     *
     * @throws Forbidden when {@code name} is the name of a token other than the caller's
     */
    public void requireNotAnotherToken(String field, String name, Caller caller) {
        if (name == null) {
            return;
        }
        // Read as the four-eyes rule reads a signer: a full-width "ａｄｍｉｎ" or a Cyrillic "аdmin" is admin.
        String read = Names.asRead(name);
        if (!read.equals(Names.asRead(caller.name()))
                && names.get(NAMES, key -> store.names().stream().map(Names::asRead).collect(Collectors.toSet()))
                        .contains(read)) {
            throw new Forbidden(field + " '" + name + "' is the name of another token; a request made with token "
                    + caller.name() + " may name the person it acts for, never another token");
        }
    }

    static TokenRequest requireValid(TokenRequest request, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request == null) {
            throw new InvalidRequestException(List.of(new FieldProblem("body", "required: {name, roles, scope}")));
        }
        if (request.name() == null || !NAME.matcher(request.name()).matches()) {
            problems.add(new FieldProblem("name", (request.name() == null ? "required" : "not a token name")
                    + ": 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit"));
        } else if (request.name().equalsIgnoreCase(LedgerEvent.LEDGER_ACTOR)) {
            problems.add(new FieldProblem("name", "'ledger' names the ledger's own events"));
        } else if (request.name().equalsIgnoreCase(DeniedResponses.ANONYMOUS)) {
            problems.add(new FieldProblem("name", "'anonymous' names callers without a token in the log"));
        }
        if (request.roles() == null || request.roles().isEmpty() || request.roles().stream().anyMatch(Objects::isNull)) {
            problems.add(new FieldProblem("roles", "required: one or more of runner, approver, auditor, admin"));
        } else if (request.scope() == null && request.roles().stream().anyMatch(Role::isScoped)) {
            problems.add(new FieldProblem("scope", "required for runner and approver tokens: "
                    + "{\"databases\": [...], \"environments\": [...]}, patterns such as orders-* or *"));
        } else if (request.scope() != null && !TokenScope.EVERYTHING.equals(request.scope())
                && request.roles().stream().noneMatch(Role::isScoped)) {
            // Stored and listed, such a scope would read as a limit the ledger never applies.
            problems.add(new FieldProblem("scope", "auditor and admin tokens reach every migration, so a scope "
                    + "would not limit them: leave it out"));
        }
        if (request.scope() != null) {
            patterns(request.scope().databases(), "scope.databases", problems);
            patterns(request.scope().environments(), "scope.environments", problems);
        }
        if (request.expiresAt() != null) {
            Optional<String> unstorable = StorableInstant.problem(request.expiresAt());
            if (unstorable.isPresent()) {
                problems.add(new FieldProblem("expiresAt", unstorable.get()));
            } else if (!request.expiresAt().isAfter(now)) {
                problems.add(new FieldProblem("expiresAt", "must be in the future, was " + request.expiresAt()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return request;
    }

    private static void patterns(List<String> patterns, String field, List<FieldProblem> problems) {
        if (patterns == null || patterns.isEmpty()) {
            problems.add(new FieldProblem(field, "required: one or more names or patterns such as orders-* or *"));
            return;
        }
        for (String pattern : patterns) {
            if (pattern == null || !SCOPE_PATTERN.matcher(pattern).matches()) {
                problems.add(new FieldProblem(field, "'" + pattern + "' is not a name or pattern: letters, digits, "
                        + "'.', '_', '@', '-' and '*' for any run of characters"));
            }
        }
    }
}
