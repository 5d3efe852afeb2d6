package io.ledger.integrity;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code ledger.checkpoints.*} settings; docs/configuration.md describes each one.
 *
 * @param signingKeyFile the Ed25519 private key checkpoints are signed with (PEM, PKCS#8); none: one generated in
 *                       the data directory
 * @param previousPublicKeyFiles public keys (PEM) of keys that signed earlier checkpoints, still trusted to verify
 *                               them after a rotation
 * @param interval the longest a sealed event waits for a checkpoint that covers it
 * @param maxUnsignedEvents a checkpoint is written as soon as this many events were sealed since the last one
 */
@ConfigurationProperties("ledger.checkpoints")
@Validated
record CheckpointSettings(
        Path signingKeyFile,
        @NotNull @DefaultValue List<Path> previousPublicKeyFiles,
        @NotNull @DurationMin(millis = 1) @DefaultValue("1m") Duration interval,
        @Positive @DefaultValue("1000") int maxUnsignedEvents) {
}
