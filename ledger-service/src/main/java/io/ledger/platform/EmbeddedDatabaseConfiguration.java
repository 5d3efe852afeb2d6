package io.ledger.platform;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.autoconfigure.system.DiskSpaceHealthIndicatorProperties;
import org.springframework.boot.actuate.system.DiskSpaceHealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * With no {@code spring.datasource.url}, runs the ledger on an embedded PostgreSQL. Otherwise this configuration
 * steps aside and Spring Boot's DataSource auto-configuration connects to the external database as usual. Flyway
 * migrates whichever DataSource results.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatabaseUrl.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(LedgerProperties properties) {
        return EmbeddedPostgres.start(properties.embedded().dataDir(), properties.embedded().binariesDir());
    }

    // Depending on the server makes Spring close the pool before it stops PostgreSQL.
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl());
        dataSource.setUsername(postgres.username());
        dataSource.setPassword(postgres.password());
        return dataSource;
    }

    /**
     * The disk that matters is the one the database writes to, the data directory's; Spring's would watch the
     * directory the service was started from.
     */
    @Bean
    @ConditionalOnEnabledHealthIndicator("diskspace")
    DiskSpaceHealthIndicator diskSpaceHealthIndicator(LedgerProperties properties,
            ObjectProvider<DiskSpaceHealthIndicatorProperties> disk) {
        return new DiskSpaceHealthIndicator(properties.embedded().dataDir().toFile(),
                disk.getIfAvailable(DiskSpaceHealthIndicatorProperties::new).getThreshold());
    }

    static boolean isEmbedded(Environment environment) {
        return !StringUtils.hasText(environment.getProperty("spring.datasource.url"));
    }

    static class NoDatabaseUrl extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return isEmbedded(context.getEnvironment())
                    ? ConditionOutcome.match("no spring.datasource.url")
                    : ConditionOutcome.noMatch("spring.datasource.url is set");
        }
    }
}
