package io.ledger.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/** What each kind of sink receives for a group of alert changes on one migration. */
final class Payloads {

    private final ObjectMapper json;
    private final URI publicUrl;

    Payloads(ObjectMapper json, URI publicUrl) {
        this.json = json;
        this.publicUrl = publicUrl;
    }

    byte[] body(SinkType type, String migrationId, List<Alert.Notice> notices) {
        try {
            return json.writeValueAsBytes(switch (type) {
                case WEBHOOK -> webhook(migrationId, notices);
                case ALERTMANAGER -> alertmanager(notices);
                case SLACK -> slack(migrationId, notices);
            });
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a notification did not serialise", impossible);
        }
    }

    /** The generic webhook: the alerts as the API shows them, grouped by migration. */
    private ObjectNode webhook(String migrationId, List<Alert.Notice> notices) {
        ObjectNode body = json.createObjectNode();
        body.put("migrationId", migrationId);
        body.put("url", link("/api/v1/alerts?migrationId=" + migrationId));
        body.set("alerts", json.valueToTree(notices));
        return body;
    }

    /**
     * Alertmanager's v2 {@code postableAlerts}. An alert's identity there is its label set, so labels hold only what
     * never changes for one ledger alert; a resolved alert carries {@code endsAt}, a firing one none, so that
     * Alertmanager keeps it firing until its resolve_timeout unless it is re-sent.
     */
    ArrayNode alertmanager(List<Alert.Notice> notices) {
        ArrayNode alerts = json.createArrayNode();
        for (Alert.Notice notice : notices) {
            ObjectNode alert = alerts.addObject();
            ObjectNode labels = alert.putObject("labels");
            labels.put("alertname", "MigrationLedger" + kind(notice.cause()));
            labels.put("migration", notice.migrationId());
            labels.put("database", notice.database());
            labels.put("environment", notice.environment());
            labels.put("cause", notice.cause());
            labels.put("severity", notice.severity());
            ObjectNode annotations = alert.putObject("annotations");
            annotations.put("summary", notice.summary());
            annotations.put("state", notice.state().wireId());
            annotations.put("occurrence", String.valueOf(notice.occurrence()));
            annotations.put("alertId", notice.id().toString());
            if (notice.resolvedByEventType() != null) {
                annotations.put("resolvedBy", notice.resolvedByEventType() + " " + notice.resolvedByEventId());
            } else if (notice.resolvedBy() != null) {
                annotations.put("resolvedBy", notice.resolvedBy());
            }
            alert.put("startsAt", notice.raisedAt().toString());
            if (notice.state() == AlertState.RESOLVED) {
                alert.put("endsAt", notice.resolvedAt().toString());
            }
            alert.put("generatorURL", link("/api/v1/alerts/" + notice.id()));
        }
        return alerts;
    }

    /** A Slack-compatible incoming webhook: one line per alert, the whole group in one message. */
    private ObjectNode slack(String migrationId, List<Alert.Notice> notices) {
        StringBuilder text = new StringBuilder("Migration ledger: ").append(migrationId);
        for (Alert.Notice notice : notices) {
            text.append("\n• [").append(notice.state().wireId().toUpperCase(Locale.ROOT)).append("] [")
                    .append(notice.severity()).append("] ").append(notice.cause()).append(": ").append(notice.summary());
        }
        text.append("\n").append(link("/api/v1/alerts?migrationId=" + migrationId));
        ObjectNode body = json.createObjectNode();
        body.put("text", text.toString());
        ArrayNode blocks = body.putArray("blocks");
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        ObjectNode markdown = section.putObject("text");
        markdown.put("type", "mrkdwn");
        markdown.put("text", text.toString());
        return body;
    }

    /** {@code phase-failed:backfill} → {@code PhaseFailed}: one Alertmanager alert name per kind of cause. */
    private static String kind(String cause) {
        StringBuilder name = new StringBuilder();
        for (String word : cause.split(":", 2)[0].split("-")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }

    private String link(String path) {
        return publicUrl.resolve(path).toString();
    }
}
