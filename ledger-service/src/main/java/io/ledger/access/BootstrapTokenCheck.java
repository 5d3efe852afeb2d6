package io.ledger.access;

import io.ledger.platform.UnusableSettingException;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

import java.util.Optional;

/**
 * Stops a start whose LEDGER_BOOTSTRAP_TOKEN or LEDGER_RECOVERY_TOKEN is too short to be safe before anything else
 * starts. Their admin tokens are created only once the ledger has started, too late to refuse the setting without
 * leaving a ledger with no token.
 */
class BootstrapTokenCheck implements ApplicationListener<ApplicationContextInitializedEvent> {

    @Override
    public void onApplicationEvent(ApplicationContextInitializedEvent event) {
        AccessProperties access = Binder.get(event.getApplicationContext().getEnvironment())
                .bindOrCreate("ledger.access", AccessProperties.class);
        if (tooShort(access.configuredBootstrapToken())) {
            throw new UnusableSettingException("LEDGER_BOOTSTRAP_TOKEN (ledger.access.bootstrap-token) must have at "
                    + "least " + AccessProperties.MIN_SECRET_LENGTH + " characters",
                    "Generate one with 'openssl rand -base64 32', or leave it unset and read the generated token in "
                            + "the log of the next start",
                    null);
        }
        if (tooShort(access.configuredRecoveryToken())) {
            throw new UnusableSettingException("LEDGER_RECOVERY_TOKEN (ledger.access.recovery-token) must have at "
                    + "least " + AccessProperties.MIN_SECRET_LENGTH + " characters",
                    "Generate one with 'openssl rand -base64 32'", null);
        }
    }

    private static boolean tooShort(Optional<String> secret) {
        return secret.filter(value -> value.length() < AccessProperties.MIN_SECRET_LENGTH).isPresent();
    }
}
