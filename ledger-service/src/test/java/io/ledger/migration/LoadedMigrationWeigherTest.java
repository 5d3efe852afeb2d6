package io.ledger.migration;

import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.Phase;
import io.ledger.api.PrecheckStatus;
import io.ledger.api.event.Planned;
import io.ledger.api.event.PrecheckRecorded;
import io.ledger.policy.PlanAnalysis;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A loaded migration weighs one in the cache, and more for each 16 KiB of text it holds, read from Axon's entry. */
class LoadedMigrationWeigherTest {

    private final LoadedMigrationWeigher weigher = new LoadedMigrationWeigher();

    @Test
    void anOrdinaryMigrationWeighsOne() {
        Migration migration = planned(plan("SELECT 1", null));

        assertThat(weigher.weigh("m", entry(migration))).isEqualTo(1);
    }

    @Test
    void aPlanNearTheBodyLimitWeighsAsTheOrdinaryMigrationsItsTextWouldMake() {
        Migration migration = planned(plan("SELECT 1", "x".repeat(800_000)));

        assertThat(weigher.weigh("m", entry(migration))).isEqualTo(1 + 800_000 / (16 * 1024));
    }

    @Test
    void largeEvidenceWeighsToo() {
        Migration migration = planned(plan("SELECT 1", null));
        migration.on(new PrecheckRecorded(UUID.randomUUID(), Instant.now(), "erin", null, "backup-taken",
                PrecheckStatus.PASSED, "y".repeat(40_000)), 1, Instant.now());

        // 40,000 bytes of evidence and one answered eventId: two units more than the migration itself.
        assertThat(weigher.weigh("m", entry(migration))).isEqualTo(3);
    }

    @Test
    void whatIsNotAMigrationWeighsOne() {
        assertThat(weigher.weigh("m", "not an entry")).isEqualTo(1);
    }

    private static MigrationPlan plan(String action, String description) {
        return new MigrationPlan("orders-v42@staging", "orders-db", "staging", "42", description, null,
                MigrationKind.SCHEMA, null, "alice", null, null, null, null,
                List.of(new Phase("add-column", action, null, null, true, null)), null, null);
    }

    private static Migration planned(MigrationPlan plan) {
        Migration migration = new Migration();
        migration.on(new Planned(DerivedEventIds.planned(plan.id()), Instant.now(), plan.owner(), null, plan,
                PlanAnalysis.of(plan)), 0, Instant.now());
        return migration;
    }

    private static AggregateCacheEntry<Migration> entry(Migration migration) {
        return new AggregateCacheEntry<>(EventSourcedAggregate.initialize(migration,
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Migration.class), null,
                NoSnapshotTriggerDefinition.TRIGGER));
    }
}
