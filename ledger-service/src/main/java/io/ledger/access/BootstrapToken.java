package io.ledger.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * On the first start, when the ledger has no token at all, creates the admin token {@value #NAME}: with the secret
 * of {@code LEDGER_BOOTSTRAP_TOKEN} when set, otherwise with a generated one, printed once in the log. Later starts
 * change nothing, whatever that setting says. For a ledger whose admins' secrets are lost, a start with
 * {@code LEDGER_RECOVERY_TOKEN} set creates an admin token with that secret, unless the secret has a token already:
 * whoever sets the service's environment controls its database anyway. A secret too short was refused before the
 * start ({@link BootstrapTokenCheck}).
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
        Optional<String> configured = properties.configuredBootstrapToken();
        String secret = configured.orElseGet(TokenSecrets::generate);
        if (tokens.issueFirst(NAME, secret)) {
            if (configured.isPresent()) {
                LOG.info("Created the first admin token, '{}', with the secret of LEDGER_BOOTSTRAP_TOKEN", NAME);
            } else {
                LOG.warn("Created the first admin token, '{}'. Its secret is shown this once, store it now: {}", NAME,
                        secret);
            }
        }
        properties.configuredRecoveryToken().ifPresent(this::recover);
    }

    private void recover(String secret) {
        Tokens.Recovered recovered = tokens.recover(secret);
        String name = recovered.token().name();
        if (recovered.created()) {
            LOG.warn("Created the admin token '{}' with the secret of LEDGER_RECOVERY_TOKEN: with it, create an admin "
                    + "token of your own, then revoke '{}' and unset LEDGER_RECOVERY_TOKEN", name, name);
        } else {
            LOG.warn("LEDGER_RECOVERY_TOKEN is set, and its secret belongs to the token '{}'{}; nothing was created. "
                    + "Unset it", name, recovered.token().revoked() ? ", which is revoked" : "");
        }
    }
}
