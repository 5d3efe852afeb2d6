package io.ledger.integrity;

import io.ledger.api.integrity.BrokenLink;
import io.ledger.api.integrity.Tampering;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FindingsTest {

    @Test
    void onlyABrokenEventOfAMigrationInvalidatesItsSignOffs() {
        Findings findings = new Findings();
        findings.add(new BrokenLink(Tampering.CHAIN_ALTERED, "next", 0L, 40L, "e40", "entry before is missing"));
        findings.add(new BrokenLink(Tampering.CHECKPOINT_MISMATCH, "last", 7L, 90L, "e90", "chain rewritten"));
        findings.add(new BrokenLink(Tampering.BAD_CHECKPOINT_SIGNATURE, "last", 7L, 90L, "e90", "bad signature"));
        findings.add(new BrokenLink(Tampering.PAYLOAD_CHANGED, "changed", 3L, 60L, "e60", "payload"));
        findings.add(new BrokenLink(Tampering.EVENT_DELETED, "changed", 2L, 50L, "e50", "deleted"));

        assertThat(findings.brokenFrom()).containsExactly(Map.entry("changed", 2L));
        assertThat(findings.first().position()).isEqualTo(40L);
    }
}
