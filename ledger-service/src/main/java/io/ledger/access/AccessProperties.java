package io.ledger.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Optional;

/**
 * The {@code ledger.access.*} settings.
 *
 * @param bootstrapToken the first admin token's secret ({@code LEDGER_BOOTSTRAP_TOKEN}), used only when the ledger
 *                       has no token yet; without it one is generated and logged once
 */
@ConfigurationProperties("ledger.access")
record AccessProperties(String bootstrapToken) {

    /** Shorter secrets could be guessed; a generated one has 47 characters. */
    static final int MIN_BOOTSTRAP_LENGTH = 32;

    /** The secret set for the first admin token, without surrounding blanks; empty when unset or blank. */
    Optional<String> configuredBootstrapToken() {
        return bootstrapToken == null || bootstrapToken.isBlank() ? Optional.empty()
                : Optional.of(bootstrapToken.strip());
    }

    @Override
    public String toString() {
        // Never print the secret, whatever prints this.
        return "AccessProperties[bootstrapToken=" + (bootstrapToken == null ? "unset" : "set") + "]";
    }
}
