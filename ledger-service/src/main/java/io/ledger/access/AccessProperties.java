package io.ledger.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Optional;

/**
 * The {@code ledger.access.*} settings.
 *
 * @param bootstrapToken the first admin token's secret ({@code LEDGER_BOOTSTRAP_TOKEN}), used only when the ledger
 *                       has no token yet; without it one is generated and logged once
 * @param recoveryToken the secret of an admin token to create at this start ({@code LEDGER_RECOVERY_TOKEN}), for
 *                      when no admin's secret is known any more; nothing is created if the secret has a token already
 */
@ConfigurationProperties("ledger.access")
record AccessProperties(String bootstrapToken, String recoveryToken) {

    /** Shorter secrets could be guessed; a generated one has 47 characters. */
    static final int MIN_SECRET_LENGTH = 32;

    /** The secret set for the first admin token, without surrounding blanks; empty when unset or blank. */
    Optional<String> configuredBootstrapToken() {
        return configured(bootstrapToken);
    }

    /** The secret set for a recovery admin token, without surrounding blanks; empty when unset or blank. */
    Optional<String> configuredRecoveryToken() {
        return configured(recoveryToken);
    }

    private static Optional<String> configured(String secret) {
        return secret == null || secret.isBlank() ? Optional.empty() : Optional.of(secret.strip());
    }

    @Override
    public String toString() {
        // Never print a secret, whatever prints this.
        return "AccessProperties[bootstrapToken=" + (bootstrapToken == null ? "unset" : "set") + ", recoveryToken="
                + (recoveryToken == null ? "unset" : "set") + "]";
    }
}
