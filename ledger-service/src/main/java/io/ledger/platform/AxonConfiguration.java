package io.ledger.platform;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.JCacheAdapter;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.cache.CacheManager;
import javax.cache.Caching;
import java.util.OptionalLong;

@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** The metadata key of the token name that a command was sent for, copied onto every event it applies. */
    public static final String PRINCIPAL = "principal";

    /**
     * Stamps every event with the principal of the request that caused it. This replaces Axon's default provider
     * (correlation and trace ids): nothing here reads them, and every event would store them forever.
     */
    @Bean
    CorrelationDataProvider principalOfTheRequest() {
        return new SimpleCorrelationDataProvider(PRINCIPAL);
    }

    /**
     * Keeps recently used migrations loaded, so that a runner's next event does not replay the migration's whole
     * stream. Bounded by count and held strongly: weak references were cleared at every young collection, which
     * turned busy migrations into replays. Entries are kept by reference, as Axon's aggregates are not copied.
     * An append that conflicts evicts its entry.
     */
    @Bean(destroyMethod = "close")
    CacheManager migrationCacheManager() {
        return Caching.getCachingProvider(CaffeineCachingProvider.class.getName()).getCacheManager();
    }

    @Bean
    Cache migrationCache(CacheManager migrationCacheManager, LedgerProperties properties) {
        CaffeineConfiguration<Object, Object> configuration = new CaffeineConfiguration<>();
        configuration.setMaximumSize(OptionalLong.of(properties.migrationCacheSize()));
        configuration.setStoreByValue(false);
        return new JCacheAdapter(migrationCacheManager.createCache("migrations", configuration));
    }
}
