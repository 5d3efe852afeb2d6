package io.ledger.integrity;

import io.ledger.platform.LedgerProperties;
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
}
