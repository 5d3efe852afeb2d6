package io.ledger.integrity;

import io.ledger.platform.LedgerProperties;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Stops a start whose checkpoint keys cannot be used (a key file missing, unreadable or not a key, a damaged
 * generated key) before anything else starts: the keys are loaded with the sealer, after the database has started
 * and its schema been migrated, which an external database's owner would not expect of a start that cannot work.
 */
class SigningKeyCheck implements ApplicationListener<ApplicationContextInitializedEvent> {

    @Override
    public void onApplicationEvent(ApplicationContextInitializedEvent event) {
        Binder settings = Binder.get(event.getApplicationContext().getEnvironment());
        CheckpointKeys.check(settings.bindOrCreate("ledger.checkpoints", CheckpointSettings.class),
                settings.bindOrCreate("ledger.embedded", LedgerProperties.Embedded.class).dataDir());
    }
}
