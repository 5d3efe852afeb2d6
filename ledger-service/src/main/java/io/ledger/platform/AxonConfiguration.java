package io.ledger.platform;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /**
     * Keeps recently used migrations in memory so that a runner posting its next event does not replay the whole
     * stream. Entries go when the JVM needs the memory; an append that conflicts evicts its entry.
     */
    @Bean
    Cache migrationCache() {
        return new WeakReferenceCache();
    }
}
