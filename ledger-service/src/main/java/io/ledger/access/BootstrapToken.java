package io.ledger.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On the first start, when the ledger has no token at all, creates the admin token {@value #NAME}: with the secret
 * of {@code LEDGER_BOOTSTRAP_TOKEN} when set, otherwise with a generated one, printed once in the log. Later starts
 * change nothing, whatever the setting says.
 */
@Component
class BootstrapToken implements ApplicationRunner {

    static final String NAME = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapToken.class);

    private final Tokens tokens;
    private final AccessProperties properties;

    BootstrapToken(Tokens tokens, AccessProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        String configured = properties.bootstrapToken() == null || properties.bootstrapToken().isBlank()
                ? null : properties.bootstrapToken().strip();
        if (configured != null && configured.length() < AccessProperties.MIN_BOOTSTRAP_LENGTH) {
            throw new IllegalStateException("LEDGER_BOOTSTRAP_TOKEN (ledger.access.bootstrap-token) must have at "
                    + "least " + AccessProperties.MIN_BOOTSTRAP_LENGTH + " characters; generate one with "
                    + "'openssl rand -base64 32', or leave it unset and read the generated token in this log");
        }
        String secret = configured != null ? configured : TokenSecrets.generate();
        if (!tokens.issueFirst(NAME, secret)) {
            return;
        }
        if (configured != null) {
            LOG.info("Created the first admin token, '{}', with the secret of LEDGER_BOOTSTRAP_TOKEN", NAME);
        } else {
            LOG.warn("Created the first admin token, '{}'. Its secret is shown this once, store it now: {}", NAME,
                    secret);
        }
    }
}
