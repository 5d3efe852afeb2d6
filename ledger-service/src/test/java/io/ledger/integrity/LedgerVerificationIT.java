package io.ledger.integrity;

import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.ReadModels;
import io.ledger.api.integrity.Checkpoint;
import io.ledger.api.integrity.CheckpointKey;
import io.ledger.api.integrity.Tampering;
import io.ledger.api.integrity.Verification;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.LedgerClient;
import io.ledger.client.LedgerRejectedException;
import io.ledger.client.MigrationNotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Verification of an untampered ledger, over HTTP. Nothing here alters the shared database: TamperIT tampers with a
 * ledger of its own.
 */
@LedgerServiceTest
class LedgerVerificationIT {

    @LocalServerPort
    int port;

    private LedgerClient ledger;

    @BeforeEach
    void connect() {
        ledger = Ledgers.client(port);
    }

    @Test
    void untamperedLedgerVerifiesWholeAndMigrationByMigration() {
        List<RecordedEvent> events = SignedOffMigration.run(ledger, "verified");
        String id = events.get(0).migrationId();

        Verification migration = ledger.verify(id);
        Verification whole = ledger.verify();

        assertThat(migration.ok()).isTrue();
        assertThat(migration.firstBroken()).isNull();
        assertThat(migration.checkedEvents()).isEqualTo(events.size());
        assertThat(migration.invalidatedSignOffs()).isEmpty();
        assertThat(whole.ok()).as("%s", whole.firstBroken()).isTrue();
        assertThat(whole.checkedEvents()).isGreaterThanOrEqualTo(events.size());
    }

    @Test
    void everyEventIsSealedSoonAfterItIsRecorded() {
        String id = SignedOffMigration.run(ledger, "sealed").get(0).migrationId();

        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.verify(id).unsealedEvents() == 0);
        assertThat(ledger.verify(id).ok()).isTrue();
    }

    @Test
    void eventsCommittedOutOfPositionOrderAreEachSealedOnce() throws Exception {
        ExecutorService runners = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<RecordedEvent>>> migrations = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "concurrent-" + i;
                migrations.add(runners.submit(() -> SignedOffMigration.run(ledger, name)));
            }
            for (Future<List<RecordedEvent>> migration : migrations) {
                String id = migration.get().get(0).migrationId();
                await().atMost(Duration.ofSeconds(30)).until(() -> ledger.verify(id).unsealedEvents() == 0);
                assertThat(ledger.verify(id).ok()).isTrue();
            }
        } finally {
            runners.shutdownNow();
        }
        Verification whole = ledger.verify();
        assertThat(whole.ok()).as("%s", whole.firstBroken()).isTrue();
    }

    @Test
    void checkpointsAreSignedWithThePublishedKeyAndVerifyOffline() throws Exception {
        List<RecordedEvent> events = SignedOffMigration.run(ledger, "checkpointed");
        long lastPosition = events.get(events.size() - 1).position();

        Checkpoint checkpoint = await().atMost(Duration.ofSeconds(30)).until(() -> ledger.latestCheckpoint().orElse(null),
                latest -> latest != null && latest.position() >= lastPosition);
        CheckpointKey key = ledger.checkpointKey();

        assertThat(checkpoint.keyId()).isEqualTo(key.keyId());
        assertThat(checkpoint.publicKey()).isEqualTo(key.publicKey());
        assertThat(checkpoint.algorithm()).isEqualTo("Ed25519").isEqualTo(key.algorithm());
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(publicKey(key.publicKey()));
        signature.update(checkpoint.signedText().getBytes(StandardCharsets.UTF_8));
        assertThat(signature.verify(Base64.getDecoder().decode(checkpoint.signature()))).isTrue();
    }

    @Test
    void storedCheckpointVerifiesAgainstTodaysLedger() {
        SignedOffMigration.run(ledger, "stored");
        Checkpoint stored = await().atMost(Duration.ofSeconds(30)).until(() -> ledger.latestCheckpoint().orElse(null),
                latest -> latest != null);
        SignedOffMigration.run(ledger, "after-the-checkpoint");

        Verification verification = ledger.verify(stored);

        assertThat(verification.ok()).as("%s", verification.firstBroken()).isTrue();
        assertThat(verification.checkpoints()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void storedCheckpointWithAnotherSignatureIsABadSignature() {
        SignedOffMigration.run(ledger, "forged-checkpoint");
        Checkpoint stored = await().atMost(Duration.ofSeconds(30)).until(() -> ledger.latestCheckpoint().orElse(null),
                latest -> latest != null);
        byte[] signature = Base64.getDecoder().decode(stored.signature());
        signature[0] ^= 1;
        Checkpoint forged = new Checkpoint(stored.events(), stored.position(), stored.chainHash(), stored.createdAt(),
                stored.keyId(), stored.algorithm(), stored.publicKey(), Base64.getEncoder().encodeToString(signature));

        Verification verification = ledger.verify(forged);

        assertThat(verification.ok()).isFalse();
        assertThat(verification.firstBroken().kind()).isEqualTo(Tampering.BAD_CHECKPOINT_SIGNATURE);
        assertThat(verification.firstBroken().position()).isEqualTo(stored.position());
    }

    @Test
    void checkpointsPageOldestFirst() {
        SignedOffMigration.run(ledger, "paged");
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.checkpoints(0, 10).size() >= 1);

        List<Checkpoint> first = ledger.checkpoints(0, 1);
        List<Checkpoint> next = ledger.checkpoints(first.get(0).events(), 1000);

        assertThat(first).hasSize(1);
        assertThat(next).allSatisfy(checkpoint -> assertThat(checkpoint.events()).isGreaterThan(first.get(0).events()));
        assertThat(next).extracting(Checkpoint::events).isSorted();
    }

    @Test
    void unknownMigrationIsNotFoundAndUnknownParametersAreRefused() {
        assertThatThrownBy(() -> ledger.verify("never-planned-" + System.nanoTime()))
                .isInstanceOf(MigrationNotFoundException.class);
        assertThat(ReadModels.get(port, "/api/v1/ledger/verify?migration=x", null).statusCode()).isEqualTo(400);
        assertThatThrownBy(() -> ledger.checkpoints(-1, 0)).isInstanceOfSatisfying(LedgerRejectedException.class,
                rejected -> assertThat(rejected.status()).isEqualTo(400));
    }

    @Test
    void negativeCountsUnknownAndRepeatedParametersAreRefusedNamingThem() {
        assertRefused("/api/v1/ledger/checkpoints?after=-1", "after");
        assertRefused("/api/v1/ledger/checkpoints/latest?x=1", "x");
        assertRefused("/api/v1/ledger/verify?migrationId=a&migrationId=b", "migrationId");
    }

    private void assertRefused(String path, String field) {
        HttpResponse<String> response = ReadModels.get(port, path, null);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(ReadModels.json(response).at("/errors/0/field").asText()).as(path).isEqualTo(field);
    }

    private static PublicKey publicKey(String pem) throws Exception {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
