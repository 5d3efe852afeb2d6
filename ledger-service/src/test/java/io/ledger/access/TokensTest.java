package io.ledger.access;

import io.ledger.api.access.Role;
import io.ledger.api.access.TokenScope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class TokensTest {

    private static final String SECRET = "mlg_the-one-secret-this-ledger-issued-0123456789";

    /** The token table of a ledger that issued one token, counting how often it is asked. */
    private static final class OneToken extends TokenTable {

        final AtomicInteger lookups = new AtomicInteger();

        OneToken() {
            super(null);
        }

        @Override
        Optional<StoredToken> bySecretHash(byte[] secretHash) {
            lookups.incrementAndGet();
            return Arrays.equals(secretHash, TokenSecrets.hash(SECRET))
                    ? Optional.of(new StoredToken("ci", Set.of(Role.RUNNER), TokenScope.EVERYTHING, Instant.EPOCH,
                            "admin", null, null, null))
                    : Optional.empty();
        }
    }

    @Test
    void aFloodOfMadeUpSecretsDoesNotPushAnIssuedTokenOutOfTheCache() {
        OneToken table = new OneToken();
        Tokens tokens = new Tokens(table, null);
        assertThat(tokens.find(SECRET)).isPresent();

        for (int i = 0; i < 20_000; i++) {
            assertThat(tokens.find("mlg_made-up-" + i)).isEmpty();
        }
        int afterFlood = table.lookups.get();

        assertThat(tokens.find(SECRET)).isPresent();
        assertThat(table.lookups.get()).as("answered from the cache").isEqualTo(afterFlood);
    }
}
