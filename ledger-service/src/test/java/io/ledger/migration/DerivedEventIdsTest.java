package io.ledger.migration;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DerivedEventIdsTest {

    @Test
    void everyIdTheLedgerDerivesHasTheVersionThatPostedEventsMayNotUse() {
        UUID planned = DerivedEventIds.planned("orders-v1@prod");
        assertThat(planned.version()).isEqualTo(DerivedEventIds.VERSION);
        assertThat(DerivedEventIds.causedBy(planned, "prechecked").version()).isEqualTo(DerivedEventIds.VERSION);
    }
}
