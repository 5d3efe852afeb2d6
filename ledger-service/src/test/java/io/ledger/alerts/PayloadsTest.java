package io.ledger.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadsTest {

    private static final Instant RAISED = Instant.parse("2026-05-12T02:04:51Z");
    private static final Instant RESOLVED = Instant.parse("2026-05-12T02:09:00Z");

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final Payloads payloads = new Payloads(json, URI.create("https://ledger.example"));

    @Test
    void alertmanagerLabelsIdentifyTheAlertAndOnlyAResolvedOneHasEndsAt() throws Exception {
        Alert.Notice firing = notice(AlertState.FIRING, null);
        Alert.Notice resolved = notice(AlertState.RESOLVED, RESOLVED);

        JsonNode body = json.readTree(payloads.body(SinkType.ALERTMANAGER, "m1", List.of(firing, resolved)));

        assertThat(body.get(0).get("labels")).isEqualTo(body.get(1).get("labels"));
        assertThat(body.get(0).get("labels").get("alertname").asText()).isEqualTo("MigrationLedgerVerificationFailed");
        assertThat(body.get(0).get("labels").get("cause").asText()).isEqualTo("verification-failed:backfill");
        assertThat(body.get(0).get("startsAt").asText()).isEqualTo("2026-05-12T02:04:51Z");
        assertThat(body.get(0).has("endsAt")).isFalse();
        assertThat(body.get(1).get("endsAt").asText()).isEqualTo("2026-05-12T02:09:00Z");
        assertThat(body.get(1).get("generatorURL").asText()).isEqualTo("https://ledger.example/api/v1/alerts/" + firing.id());
    }

    @Test
    void slackGetsOneTextWithALinePerAlert() throws Exception {
        JsonNode body = json.readTree(payloads.body(SinkType.SLACK, "m1",
                List.of(notice(AlertState.FIRING, null), notice(AlertState.RESOLVED, RESOLVED))));

        assertThat(body.get("text").asText()).contains("m1", "[FIRING] [high] verification-failed:backfill",
                "[RESOLVED]", "https://ledger.example/api/v1/alerts?migrationId=m1");
        assertThat(body.get("blocks").get(0).get("text").get("type").asText()).isEqualTo("mrkdwn");
    }

    private static Alert.Notice notice(AlertState state, Instant resolvedAt) {
        return new Alert.Notice(UUID.nameUUIDFromBytes("m1".getBytes()), "m1|verification-failed:backfill", "m1",
                "orders-db", "prod", "verification-failed:backfill", "high", state, 1, "verification of backfill failed",
                RAISED, resolvedAt, null, null, null);
    }
}
