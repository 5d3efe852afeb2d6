package io.ledger.reports;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RegressionRuleTest {

    private static final UUID COMPLETION = UUID.randomUUID();

    private final RegressionRule rule = new RegressionRule(2.0, 3);

    @Test
    void aRunLongerThanKTimesTheRollingMedianIsARegression() {
        assertThat(rule.judge("m", null, 2401, List.of(1000L, 1200L, 9000L), COMPLETION))
                .hasValueSatisfying(regression -> {
                    assertThat(regression.migrationId()).isEqualTo("m");
                    assertThat(regression.phase()).isNull();
                    assertThat(regression.durationMs()).isEqualTo(2401);
                    assertThat(regression.rollingMedianMs()).isEqualTo(1200);
                    assertThat(regression.factor()).isEqualTo(2401 / 1200.0);
                });
    }

    @Test
    void exactlyKTimesTheMedianIsNotARegression() {
        assertThat(rule.judge("m", "backfill", 2400, List.of(1000L, 1200L, 9000L), COMPLETION)).isEmpty();
    }

    @Test
    void aGroupWithTooFewPreviousRunsIsNotJudged() {
        assertThat(rule.judge("m", null, 1_000_000, List.of(1000L, 1000L), COMPLETION)).isEmpty();
    }

    @Test
    void aZeroMedianJudgesNothing() {
        assertThat(rule.judge("m", null, 5, List.of(0L, 0L, 0L), COMPLETION)).isEmpty();
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfItsMiddleTwo() {
        assertThat(RegressionRule.median(List.of(4000L, 1000L, 3000L, 2000L))).isEqualTo(2500.0);
    }

    @Test
    void aRegressionIsKeptUnderTheEventThatMeasuredIt() {
        assertThat(rule.judge("m", "backfill", 9000, List.of(1000L, 1000L, 1000L), COMPLETION).orElseThrow().eventId())
                .isEqualTo(COMPLETION);
    }
}
