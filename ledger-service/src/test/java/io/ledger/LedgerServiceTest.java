package io.ledger;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one Spring test configuration: the whole service on a random port over its own embedded PostgreSQL, so that
 * every integration test shares a single context and a single database. Metrics are exported as in production, so
 * that {@code /actuator/prometheus} can be tested. Production's policy is not enforced here: these tests drive
 * prod migrations through their lifecycle without staging runs or backups; io.ledger.policy.PolicyIT tests the
 * policy with the shipped defaults, on the packaged service in a process of its own. Checkpoints are signed every
 * second, so that tests need not wait a minute for one. Every test ledger starts with the admin token
 * {@link TestTokens#BOOTSTRAP}, from which tests create the tokens they call with.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.embedded.data-dir=target/it-data/${random.uuid}",
                "ledger.policy.environments.prod.enforced=false", "ledger.checkpoints.interval=1s",
                "ledger.access.bootstrap-token=" + TestTokens.BOOTSTRAP})
@AutoConfigureObservability
public @interface LedgerServiceTest {
}
