package io.ledger.timeline;

import io.ledger.api.MigrationPlan;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.view.AnomalyView;
import io.ledger.api.view.MigrationView;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A migration's timeline as a section to paste into a postmortem: a summary, the timeline table, what failed, what
 * was rolled back and who signed off. Cells are escaped so that no event text can break the table.
 */
final class PostmortemMarkdown {

    private static final Set<String> FAILURES =
            Set.of("phase-failed", "verification-failed", "rollback-failed", "aborted", "gate-refused");
    private static final Set<String> ROLLBACKS = Set.of("rollback-started", "rolled-back", "rollback-failed");
    /** Unicode's Control Pictures block: U+2400 + c shows C0 control c, ␀ to ␟. */
    private static final int CONTROL_PICTURES = 0x2400;
    private static final int CONTROL_PICTURES_COUNT = 0x20;
    private static final int DELETE = 0x7F;
    private static final int DELETE_PICTURE = 0x2421;

    private PostmortemMarkdown() {
    }

    static String render(MigrationTimeline timeline) {
        MigrationView state = timeline.state();
        MigrationPlan plan = state.plan();
        StringBuilder out = new StringBuilder();
        out.append("## Migration ").append(code(timeline.migrationId())).append("\n\n");
        out.append("| | |\n|---|---|\n");
        row(out, "Migration", code(timeline.migrationId()));
        row(out, "Database", cell(plan.database()));
        row(out, "Environment", cell(plan.environment()));
        row(out, "Version", cell(plan.version()));
        row(out, "Description", cell(plan.description()));
        row(out, "Owner", cell(plan.owner()));
        row(out, "Status", "**" + state.status().wireId() + "**");
        row(out, "Planned", time(state.plannedAt()));
        row(out, "Started", time(state.startedAt()));
        row(out, "Finished", time(state.finishedAt()));
        row(out, "Duration", state.startedAt() != null && state.finishedAt() != null
                ? duration(Duration.between(state.startedAt(), state.finishedAt())) : "—");
        if (timeline.asOf() != null) {
            row(out, "As of", time(timeline.asOf()) + " (what the ledger had recorded by then)");
        }

        out.append("\n### Timeline\n\n");
        out.append("| Offset | Time | Event | Phase | Actor | Detail |\n|---|---|---|---|---|---|\n");
        for (TimelineEntry entry : timeline.entries()) {
            if (entry.gap()) {
                out.append("| | | **gap of ").append(duration(Duration.ofMillis(entry.gapBeforeMs())))
                        .append("** | | | no event for longer than ").append(duration(timeline.gapThreshold()))
                        .append(" |\n");
            }
            StringBuilder detail = new StringBuilder(cell(entry.detail()));
            entry.anomalies().forEach(anomaly -> detail.append(" ⚠ anomaly ").append(code(anomaly.anomaly())));
            out.append("| ").append(entry.offsetMs() < 0 ? "" : "+").append(duration(Duration.ofMillis(entry.offsetMs())))
                    .append(" | ")
                    .append(time(entry.occurredAt())).append(" | ").append(entry.type()).append(" | ")
                    .append(cell(entry.phase())).append(" | ").append(cell(who(entry.actor(), entry.principal())))
                    .append(" | ")
                    .append(detail).append(" |\n");
        }

        out.append("\n### What failed\n\n");
        List<String> failures = timeline.entries().stream().filter(entry -> FAILURES.contains(entry.type()))
                .map(entry -> time(entry.occurredAt()) + " " + entry.type() + ": " + line(entry.detail()))
                .toList();
        List<AnomalyView> anomalies = state.anomalies();
        if (failures.isEmpty() && anomalies.isEmpty()) {
            out.append("Nothing failed.\n");
        }
        failures.forEach(failure -> out.append("- ").append(failure).append('\n'));
        anomalies.forEach(anomaly -> out.append("- anomaly ").append(code(anomaly.anomaly())).append(" (event ")
                .append(anomaly.sequence()).append("): ").append(line(anomaly.message())).append('\n'));

        out.append("\n### What was rolled back\n\n");
        List<TimelineEntry> rollbacks = timeline.entries().stream()
                .filter(entry -> ROLLBACKS.contains(entry.type())).toList();
        if (rollbacks.isEmpty()) {
            out.append("Nothing was rolled back.\n");
        }
        rollbacks.forEach(entry -> out.append("- ").append(time(entry.occurredAt())).append(' ').append(entry.type())
                .append(": ").append(line(entry.detail())).append('\n'));

        // From the timeline, as the sections above: on occurredAt, the time the whole postmortem is told in.
        out.append("\n### Who signed off\n\n");
        List<TimelineEntry> signOffs = timeline.entries().stream()
                .filter(entry -> entry.type().equals("signed-off")).toList();
        if (signOffs.isEmpty()) {
            out.append("Nobody signed off.\n");
        }
        signOffs.forEach(entry -> out.append("- ").append(time(entry.occurredAt())).append(' ')
                .append(line(entry.detail()))
                .append(entry.principal() == null ? "" : " — posted with the token " + code(entry.principal()))
                .append('\n'));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    /**
     * The actor, and the token that posted the event when it is not the actor itself: a body may name any person,
     * the token is who the ledger authenticated. The ledger's own events carry the token of the request that caused
     * them, which says nothing about who acted.
     */
    static String who(String actor, String principal) {
        return principal == null || principal.equalsIgnoreCase(actor) || LedgerEvent.LEDGER_ACTOR.equals(actor)
                ? actor : actor + " via " + principal;
    }

    private static String time(Instant instant) {
        return instant == null ? "—" : instant.toString();
    }

    /** {@code hh:mm:ss}, with milliseconds when there are any; hours go past 24 rather than into days. */
    static String duration(Duration duration) {
        long millis = Math.abs(duration.toMillis());
        String text = String.format("%02d:%02d:%02d", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60);
        if (millis % 1000 != 0) {
            text += String.format(".%03d", millis % 1000);
        }
        return duration.isNegative() ? "-" + text : text;
    }

    private static String code(String text) {
        return "`" + line(text).replace("`", "'") + "`";
    }

    private static String cell(String text) {
        return text == null ? "" : line(text).replace("|", "\\|");
    }

    /**
     * One line of visible text: line breaks become a space, and other control characters their visible symbols
     * (an ESC as ␛), so that event text can neither break the table nor recolour the terminal it is read in.
     */
    private static String line(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.replaceAll("[\\r\\n]+", " ").codePoints().forEach(c -> {
            if (c == '\t') {
                out.append(' ');
            } else if (c < CONTROL_PICTURES_COUNT) {
                out.appendCodePoint(CONTROL_PICTURES + c);
            } else if (c == DELETE) {
                out.appendCodePoint(DELETE_PICTURE);
            } else if (Character.getType(c) == Character.CONTROL) {
                out.append('\uFFFD');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
