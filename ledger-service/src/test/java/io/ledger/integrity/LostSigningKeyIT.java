package io.ledger.integrity;

import io.ledger.Ledgers;
import io.ledger.ServiceProcess;
import io.ledger.api.integrity.Checkpoint;
import io.ledger.api.integrity.Tampering;
import io.ledger.api.integrity.Verification;
import io.ledger.client.LedgerClient;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A generated signing key lost from the data directory is made again; the start says what that did to the ledger. */
class LostSigningKeyIT {

    @Test
    void aStartWithoutTheKeyThatSignedTheLatestCheckpointSaysSoAndHowToFixIt() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "lost-key");
        Checkpoint signed;
        try (ServiceProcess service = ServiceProcess.start(dataDir, "--ledger.checkpoints.interval=1s")) {
            LedgerClient ledger = Ledgers.client(service.port());
            long last = SignedOffMigration.run(ledger, "lost-key").get(SignedOffMigration.SIGN_OFF).position();
            signed = await().atMost(Duration.ofSeconds(30)).until(() -> ledger.latestCheckpoint().orElse(null),
                    checkpoint -> checkpoint != null && checkpoint.position() >= last);
            assertThat(Files.readString(service.log())).doesNotContain("does not trust");
        }
        Files.delete(dataDir.resolve(CheckpointKeys.GENERATED_FILE));

        try (ServiceProcess service = ServiceProcess.start(dataDir)) {
            assertThat(Files.readString(service.log())).contains("ERROR").contains("The latest checkpoint ("
                    + signed.events() + " events, " + signed.createdAt() + ") is signed with key " + signed.keyId()
                    + ", which this ledger does not trust").contains("ledger.checkpoints.previous-public-key-files");
            Verification verification = Ledgers.client(service.port()).verify();
            assertThat(verification.firstBroken().kind()).isEqualTo(Tampering.BAD_CHECKPOINT_SIGNATURE);
            assertThat(verification.invalidatedSignOffs()).isEmpty();
        }
    }
}
