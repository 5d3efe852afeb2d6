package io.ledger.access;

import io.ledger.platform.UnusableSettingException;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Stops a start whose LEDGER_BOOTSTRAP_TOKEN is too short to be safe before anything else starts. The admin token is
 * created only once the ledger has started, too late to refuse the setting without leaving a ledger with no token.
 */
class BootstrapTokenCheck implements ApplicationListener<ApplicationContextInitializedEvent> {

    @Override
    public void onApplicationEvent(ApplicationContextInitializedEvent event) {
        AccessProperties access = Binder.get(event.getApplicationContext().getEnvironment())
                .bindOrCreate("ledger.access", AccessProperties.class);
        if (access.configuredBootstrapToken().filter(secret -> secret.length() < AccessProperties.MIN_BOOTSTRAP_LENGTH)
                .isPresent()) {
            throw new UnusableSettingException("LEDGER_BOOTSTRAP_TOKEN (ledger.access.bootstrap-token) must have at "
                    + "least " + AccessProperties.MIN_BOOTSTRAP_LENGTH + " characters",
                    "Generate one with 'openssl rand -base64 32', or leave it unset and read the generated token in "
                            + "the log of the next start",
                    null);
        }
    }
}
