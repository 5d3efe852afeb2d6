package io.ledger.integrity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class CheckpointKeysTest {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "integrity");
    /** Signed by openssl-signing-key.pem with openssl pkeyutl -sign -rawin, as docs/security.md verifies one. */
    private static final String OPENSSL_SIGNED = """
            migration-ledger checkpoint v1
            events: 1200
            position: 1342
            chain-hash: %s
            created-at: 2026-05-12T02:00:00.120Z
            key-id: 4b0821ba2c006e57
            """.formatted("9f2c".repeat(16));
    private static final String OPENSSL_SIGNATURE =
            "C5bnGOYHsKE7NdwW/ErF6b6dxob3ANx6RAyux1/U6c5IkESAHxFRNeawP2KXo9UpitAXW0Dwmpsd+h4/Oc9dCw==";

    @TempDir
    Path dataDirectory;

    @Test
    void keyFromOpensslVerifiesWhatOpensslSigned() {
        CheckpointKeys keys = CheckpointKeys.load(settings(FIXTURES.resolve("openssl-signing-key.pem")), dataDirectory);

        assertThat(keys.verifies(keys.keyId(), OPENSSL_SIGNED, Base64.getDecoder().decode(OPENSSL_SIGNATURE))).isTrue();
        assertThat(keys.verifies(keys.keyId(), OPENSSL_SIGNED.replace("1200", "1201"),
                Base64.getDecoder().decode(OPENSSL_SIGNATURE))).isFalse();
    }

    @Test
    void publicKeyIsTheOneOpensslDerivesAndItsIdTheDocumentedDigest() throws Exception {
        CheckpointKeys keys = CheckpointKeys.load(settings(FIXTURES.resolve("openssl-signing-key.pem")), dataDirectory);

        assertThat(keys.current().publicKey()).isEqualTo(Files.readString(FIXTURES.resolve("openssl-public-key.pem")));
        // openssl pkey -pubin -in openssl-public-key.pem -outform DER | sha256sum | cut -c1-16
        assertThat(keys.keyId()).isEqualTo("4b0821ba2c006e57");
    }

    @Test
    void whatItSignsVerifiesWithItsKeyIdOnly() {
        CheckpointKeys keys = CheckpointKeys.load(settings(null), dataDirectory);

        byte[] signature = keys.sign("checkpoint text");

        assertThat(keys.verifies(keys.keyId(), "checkpoint text", signature)).isTrue();
        assertThat(keys.verifies(keys.keyId(), "another text", signature)).isFalse();
        assertThat(keys.verifies("0000000000000000", "checkpoint text", signature)).isFalse();
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedForItsOwnerOnlyAndKeptAcrossStarts() throws Exception {
        CheckpointKeys first = CheckpointKeys.load(settings(null), dataDirectory);
        CheckpointKeys second = CheckpointKeys.load(settings(null), dataDirectory);

        Path generated = dataDirectory.resolve(CheckpointKeys.GENERATED_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(generated))).isEqualTo("rw-------");
        assertThat(second.keyId()).isEqualTo(first.keyId());
    }

    @Test
    void aDamagedGeneratedKeyStopsTheStartSayingToRestoreItNotToReplaceIt() throws Exception {
        CheckpointKeys.load(settings(null), dataDirectory);
        Path generated = dataDirectory.resolve(CheckpointKeys.GENERATED_FILE);
        Files.writeString(generated, "-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> CheckpointKeys.load(settings(null), dataDirectory))
                .isInstanceOfSatisfying(SigningKeyException.class, failure -> {
                    assertThat(failure.getMessage()).startsWith("The checkpoint signing key " + generated);
                    assertThat(failure.action()).startsWith("Restore " + CheckpointKeys.GENERATED_FILE
                            + " from a backup").doesNotContain("LEDGER_SIGNING_KEY_FILE");
                });
    }

    @Test
    void aKeyOthersCanReadIsUsedWithAWarning(CapturedOutput output) throws Exception {
        Path key = dataDirectory.resolve("readable.pem");
        Files.copy(FIXTURES.resolve("openssl-signing-key.pem"), key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        CheckpointKeys.load(settings(key), dataDirectory);

        assertThat(output.getOut()).contains("The checkpoint signing key " + key + " can be read by other users of "
                + "this machine (rw-r--r--)");
    }

    @Test
    void previousPublicKeysStayTrustedToVerify() {
        PublicKey previous = KeyFiles.readPublic(FIXTURES.resolve("previous-public-key.pem"));

        CheckpointKeys keys = CheckpointKeys.load(new CheckpointSettings(FIXTURES.resolve("openssl-signing-key.pem"),
                List.of(FIXTURES.resolve("previous-public-key.pem")), Duration.ofMinutes(1), 1000), dataDirectory);

        assertThat(keys.current().keyId()).isEqualTo("4b0821ba2c006e57");
        assertThat(keys.trusts(CheckpointKeys.keyId(previous))).isTrue();
        assertThat(keys.publicKey(CheckpointKeys.keyId(previous))).contains(KeyFiles.pem(previous));
        assertThat(keys.trusts("0000000000000000")).isFalse();
    }

    @Test
    void aMissingKeyFileStopsTheStartNamingIt() {
        Path missing = dataDirectory.resolve("absent.pem");

        assertThatThrownBy(() -> CheckpointKeys.load(settings(missing), dataDirectory))
                .isInstanceOfSatisfying(SigningKeyException.class, failure -> {
                    assertThat(failure.getMessage()).isEqualTo("Cannot read the checkpoint signing key " + missing
                            + " (no such file)");
                    assertThat(failure.action()).contains("LEDGER_SIGNING_KEY_FILE", "openssl genpkey");
                });
    }

    @Test
    void aFileThatIsNotAnEd25519PrivateKeyStopsTheStartNamingIt() {
        for (String file : List.of("not-a-key.pem", "rsa-key.pem", "openssl-public-key.pem")) {
            Path key = FIXTURES.resolve(file);
            assertThatThrownBy(() -> CheckpointKeys.load(settings(key), dataDirectory))
                    .isInstanceOf(SigningKeyException.class)
                    .hasMessage("The checkpoint signing key " + key + " is not an Ed25519 private key in PEM (PKCS#8)");
        }
    }

    @Test
    void aPreviousPublicKeyThatIsNotOneStopsTheStartNamingIt() {
        Path notPublic = FIXTURES.resolve("openssl-signing-key.pem");

        assertThatThrownBy(() -> CheckpointKeys.load(new CheckpointSettings(null, List.of(notPublic),
                Duration.ofMinutes(1), 1000), dataDirectory))
                .isInstanceOfSatisfying(SigningKeyException.class, failure -> {
                    assertThat(failure.getMessage()).isEqualTo("The trusted public key " + notPublic
                            + " is not an Ed25519 public key in PEM");
                    assertThat(failure.action()).contains("ledger.checkpoints.previous-public-key-files");
                });
    }

    @Test
    void theCheckBeforeTheStartGeneratesNoKey() throws Exception {
        CheckpointKeys.check(settings(null), dataDirectory);

        try (var files = Files.list(dataDirectory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theCheckBeforeTheStartFindsEveryKeyThatCannotBeUsed() throws Exception {
        CheckpointKeys.load(settings(null), dataDirectory);
        Files.writeString(dataDirectory.resolve(CheckpointKeys.GENERATED_FILE), "damaged");
        Path signing = FIXTURES.resolve("openssl-signing-key.pem");

        assertThatThrownBy(() -> CheckpointKeys.check(settings(null), dataDirectory))
                .isInstanceOfSatisfying(SigningKeyException.class,
                        failure -> assertThat(failure.action()).startsWith("Restore " + CheckpointKeys.GENERATED_FILE));
        assertThatThrownBy(() -> CheckpointKeys.check(new CheckpointSettings(signing, List.of(signing),
                Duration.ofMinutes(1), 1000), dataDirectory))
                .isInstanceOf(SigningKeyException.class)
                .hasMessage("The trusted public key " + signing + " is not an Ed25519 public key in PEM");
        assertThatThrownBy(() -> CheckpointKeys.check(settings(FIXTURES.resolve("rsa-key.pem")), dataDirectory))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageEndingWith("is not an Ed25519 private key in PEM (PKCS#8)");
    }

    @Test
    void failureAnalysisIsTheProblemAndItsFix() {
        SigningKeyException failure = new SigningKeyException("The checkpoint signing key k.pem is not one", "Fix it",
                null);

        var analysis = new SigningKeyFailureAnalyzer().analyze(new IllegalStateException(failure));

        assertThat(analysis.getDescription()).isEqualTo("The checkpoint signing key k.pem is not one.");
        assertThat(analysis.getAction()).isEqualTo("Fix it.");
    }

    private static CheckpointSettings settings(Path signingKeyFile) {
        return new CheckpointSettings(signingKeyFile, List.of(), Duration.ofMinutes(1), 1000);
    }
}
