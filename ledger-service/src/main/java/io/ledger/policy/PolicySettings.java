package io.ledger.policy;

import jakarta.validation.Valid;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code ledger.policy.*} settings: a policy per environment name. {@code prod} is strict unless configured
 * otherwise, so that configuring another environment never relaxes production by accident; every environment not
 * listed gets {@code other-environments}, relaxed by default.
 *
 * @param environments       environment name to its policy
 * @param otherEnvironments  the policy of every environment not listed
 */
@ConfigurationProperties("ledger.policy")
@Validated
public record PolicySettings(Map<String, @Valid Policy> environments, @Valid Policy otherEnvironments) {

    static final String PRODUCTION = "prod";

    public PolicySettings {
        Map<String, Policy> configured = new HashMap<>(environments == null ? Map.of() : environments);
        configured.putIfAbsent(PRODUCTION, Policy.STRICT);
        environments = Map.copyOf(configured);
        otherEnvironments = otherEnvironments == null ? Policy.RELAXED : otherEnvironments;
    }

    public Policy policyFor(String environment) {
        return environments.getOrDefault(environment, otherEnvironments);
    }
}
