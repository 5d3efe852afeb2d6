package io.ledger.timeline;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PostmortemMarkdownTest {

    @Test
    void durationsReadAsHoursMinutesSecondsWithMillisecondsOnlyWhenThereAreAny() {
        assertThat(PostmortemMarkdown.duration(Duration.ofSeconds(65))).isEqualTo("00:01:05");
        assertThat(PostmortemMarkdown.duration(Duration.ofMillis(412))).isEqualTo("00:00:00.412");
        assertThat(PostmortemMarkdown.duration(Duration.ofHours(26))).isEqualTo("26:00:00");
        assertThat(PostmortemMarkdown.duration(Duration.ofSeconds(-2))).isEqualTo("-00:00:02");
    }

    @Test
    void theActorIsFollowedByTheTokenThatPostedOnlyWhenTheTokenIsSomeoneElse() {
        assertThat(PostmortemMarkdown.who("alice", "deploy-bot")).isEqualTo("alice via deploy-bot");
        assertThat(PostmortemMarkdown.who("ci-runner", "CI-Runner")).isEqualTo("ci-runner");
        assertThat(PostmortemMarkdown.who("alice", null)).as("recorded before tokens").isEqualTo("alice");
        assertThat(PostmortemMarkdown.who("ledger", "deploy-bot")).as("the ledger's own event").isEqualTo("ledger");
    }
}
