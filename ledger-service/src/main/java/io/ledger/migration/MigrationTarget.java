package io.ledger.migration;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

/**
 * The migration a command is for, read from the command itself. Axon's default resolver looks for
 * {@code @TargetAggregateIdentifier} among the command's methods and fields on every command, annotation lookups
 * included, which cost about a fifth of the command bus's time per write; the annotations stay for Axon's test
 * fixture, which resolves with them.
 */
@Component
class MigrationTarget implements CommandTargetResolver {

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Object payload = command.getPayload();
        if (payload instanceof MigrationCommand onMigration) {
            return new VersionedAggregateIdentifier(onMigration.migrationId(), null);
        }
        throw new IllegalArgumentException("no migration is the target of a " + command.getPayloadType().getSimpleName());
    }
}
