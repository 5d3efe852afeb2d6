package io.ledger.lint;

import java.util.List;

/**
 * The findings of one script, with its first expanding and first contracting statement (null when none), so that a
 * plan can tell when its phases mix the two.
 */
record LintedScript(List<Finding> findings, Statement firstExpand, Statement firstContract) {

    boolean mixesExpandAndContract() {
        return firstExpand != null && firstContract != null;
    }
}
