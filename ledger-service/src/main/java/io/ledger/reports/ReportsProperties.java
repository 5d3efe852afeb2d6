package io.ledger.reports;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Map;

/**
 * The {@code ledger.reports.*} settings; docs/reports.md describes each one.
 *
 * @param budget             how long a migration may take before it counts as over budget
 * @param regressionFactor   k: a run longer than k times the rolling median of its group is a regression
 * @param regressionWindow   how many previous runs of the group the rolling median takes
 * @param regressionMinRuns  how many previous runs a group needs before any run of it is judged
 * @param prediction         the environments a prediction goes from and to
 */
@ConfigurationProperties("ledger.reports")
@Validated
record ReportsProperties(
        @Valid @DefaultValue Budget budget,
        @DecimalMin("1.0") @DefaultValue("2") double regressionFactor,
        @Min(1) @DefaultValue("20") int regressionWindow,
        @Min(1) @DefaultValue("3") int regressionMinRuns,
        @Valid @DefaultValue Prediction prediction) {

    /**
     * @param defaultBudget  the budget of an environment not listed ({@code ledger.reports.budget.default})
     * @param perEnvironment budgets by environment name
     */
    record Budget(
            @Name("default") @NotNull @DurationMin(millis = 1) @DefaultValue("30s") Duration defaultBudget,
            @DefaultValue Map<String, @NotNull @DurationMin(millis = 1) Duration> perEnvironment) {

        Budget {
            perEnvironment = perEnvironment == null ? Map.of() : Map.copyOf(perEnvironment);
        }

        Duration of(String environment) {
            return perEnvironment.getOrDefault(environment, defaultBudget);
        }
    }

    /**
     * @param from the environment whose completed runs predict ({@code staging})
     * @param to   the environment whose pending migrations are predicted ({@code prod})
     */
    record Prediction(@NotBlank @DefaultValue("staging") String from, @NotBlank @DefaultValue("prod") String to) {
    }
}
