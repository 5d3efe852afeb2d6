package io.ledger.integrity;

import io.ledger.platform.LedgerProperties;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IntegrityConfiguration {

    @Bean
    CheckpointKeys checkpointKeys(CheckpointSettings settings, LedgerProperties ledger) {
        return CheckpointKeys.load(settings, ledger.embedded().dataDir());
    }

    /**
     * Axon logs a handler's failure and goes on with the next event by default, which for the sealer would leave an
     * event out of the chain for good; propagated, the failure rolls the batch back and the processor retries it.
     */
    @Bean
    ConfigurerModule sealerFailuresAreRetried() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(Sealer.PROCESSOR, axon -> PropagatingErrorHandler.instance());
    }
}
