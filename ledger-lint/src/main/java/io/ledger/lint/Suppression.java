package io.ledger.lint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An inline {@code -- ledger:ignore rule-id[, rule-id] reason: why} comment. This reads comment text, not SQL: the
 * lexer has already separated comments from the statement. {@code reason:} is matched in any case; a further
 * {@code --} in the comment ends the suppression, so that a remark may follow it on the same line.
 */
record Suppression(List<String> ruleIds, String reason) {

    private static final String MARKER = "ledger:ignore";
    private static final String REASON = "reason:";
    private static final String REMARK = "--";

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
        int remark = rest.indexOf(REMARK);
        if (remark >= 0) {
            rest = rest.substring(0, remark);
        }
        int reasonAt = indexOfIgnoringCase(rest, REASON);
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

    private static int indexOfIgnoringCase(String text, String word) {
        for (int i = 0; i + word.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return i;
            }
        }
        return -1;
    }

    boolean hasReason() {
        return !reason.isBlank();
    }

    /** Names at least one rule, and only rules that exist. */
    boolean namesKnownRules() {
        return !ruleIds.isEmpty() && ruleIds.stream()
                .allMatch(id -> Arrays.stream(Rule.values()).anyMatch(rule -> rule.id().equals(id)));
    }

    /**
     * Whether it names a rule decided beyond one statement of one script: a file's missing reversal, or mixing
     * expand and contract across a plan's phases. Whether those are used is not known here.
     */
    boolean namesRuleBeyondTheStatement() {
        return covers(Rule.MISSING_REVERSAL.id()) || covers(Rule.MIXED_EXPAND_CONTRACT.id());
    }

    boolean covers(String ruleId) {
        return ruleIds.contains(ruleId);
    }
}
