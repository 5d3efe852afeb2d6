package io.ledger.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An inline {@code -- ledger:ignore rule-id[, rule-id] reason: why} comment. This reads comment text, not SQL: the
 * lexer has already separated comments from the statement.
 */
record Suppression(List<String> ruleIds, String reason) {

    private static final String MARKER = "ledger:ignore";
    private static final String REASON = "reason:";

    static Optional<Suppression> parse(Comment comment) {
        String text = comment.text();
        int marker = text.indexOf(MARKER);
        if (marker < 0) {
            return Optional.empty();
        }
        String rest = text.substring(marker + MARKER.length());
        if (rest.endsWith("*/")) {
            rest = rest.substring(0, rest.length() - 2);
        }
        int reasonAt = rest.indexOf(REASON);
        String ids = reasonAt < 0 ? rest : rest.substring(0, reasonAt);
        String reason = reasonAt < 0 ? "" : rest.substring(reasonAt + REASON.length()).strip();
        List<String> ruleIds = new ArrayList<>();
        for (String id : ids.split("[,\\s]+")) {
            if (!id.isBlank()) {
                ruleIds.add(id.strip());
            }
        }
        return Optional.of(new Suppression(List.copyOf(ruleIds), reason));
    }

    boolean hasReason() {
        return !reason.isBlank();
    }

    boolean covers(String ruleId) {
        return ruleIds.contains(ruleId);
    }
}
