package io.ledger.migration;

import java.util.Optional;
import java.util.OptionalLong;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import io.ledger.platform.LedgerProperties;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.JCacheAdapter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;

/**
 * Keeps recently used migrations loaded, so that a runner's next event does not replay the migration's whole stream
 * ({@link Migration}'s {@code migrationCache}). Bounded by weight ({@link LoadedMigrationWeigher}: a migration counts
 * once, more when it holds large texts) and held strongly: weak references were cleared at every young collection,
 * which turned busy migrations into replays. Entries are kept by reference, as Axon's aggregates are not copied.
 * An append that conflicts evicts its entry.
 */
@Configuration(proxyBeanMethods = false)
class LoadedMigrationCache {

    @Bean(destroyMethod = "close")
    CacheManager migrationCacheManager() {
        return Caching.getCachingProvider(CaffeineCachingProvider.class.getName()).getCacheManager();
    }

    @Bean
    Cache migrationCache(CacheManager migrationCacheManager, LedgerProperties properties) {
        CaffeineConfiguration<Object, Object> configuration = new CaffeineConfiguration<>();
        configuration.setMaximumWeight(OptionalLong.of(properties.migrationCacheSize()));
        configuration.setWeigherFactory(
                Optional.of(new FactoryBuilder.SingletonFactory<>(new LoadedMigrationWeigher())));
        configuration.setStoreByValue(false);
        return new JCacheAdapter(migrationCacheManager.createCache("migrations", configuration));
    }
}
