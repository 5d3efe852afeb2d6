package io.ledger.integrity;

import io.ledger.api.integrity.CheckpointKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Ed25519 key that signs checkpoints now, and every public key trusted to verify them, each known by its key id:
 * the first 8 bytes of the SHA-256 of its SubjectPublicKeyInfo, in hex.
 */
final class CheckpointKeys {

    static final String GENERATED_FILE = "checkpoint-signing-key.pem";

    private static final Logger log = LoggerFactory.getLogger(CheckpointKeys.class);

    private final KeyPair signing;
    private final String keyId;
    private final Map<String, PublicKey> trusted = new LinkedHashMap<>();

    CheckpointKeys(KeyPair signing, Iterable<PublicKey> previous) {
        this.signing = signing;
        this.keyId = keyId(signing.getPublic());
        trusted.put(keyId, signing.getPublic());
        previous.forEach(key -> trusted.putIfAbsent(keyId(key), key));
    }

    /**
     * The configured key, or else the one generated in the data directory on the first start: zero setup, but anyone
     * who can read the data directory can then re-sign a rewritten ledger, which the log says.
     *
     * @throws SigningKeyException naming the file and its fix when a key cannot be used
     */
    static CheckpointKeys load(CheckpointSettings settings, Path dataDirectory) {
        KeyPair signing;
        if (settings.signingKeyFile() != null) {
            signing = KeyFiles.readPrivate(settings.signingKeyFile());
        } else {
            Path generated = dataDirectory.resolve(GENERATED_FILE);
            signing = Files.exists(generated) ? KeyFiles.readPrivate(generated) : KeyFiles.generate(generated);
            log.warn("Checkpoints are signed with the key in {}, next to the ledger's data: whoever can read it can "
                    + "re-sign a rewritten ledger. Keep the signing key elsewhere and set LEDGER_SIGNING_KEY_FILE "
                    + "(docs/security.md).", generated.toAbsolutePath().normalize());
        }
        CheckpointKeys keys = new CheckpointKeys(signing,
                settings.previousPublicKeyFiles().stream().map(KeyFiles::readPublic).toList());
        log.info("Checkpoints are signed with {} key {}", KeyFiles.ALGORITHM, keys.keyId);
        return keys;
    }

    static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(CanonicalBytes.sha256(key.getEncoded()), 0, 8);
    }

    String keyId() {
        return keyId;
    }

    CheckpointKey current() {
        return new CheckpointKey(keyId, KeyFiles.ALGORITHM, KeyFiles.pem(signing.getPublic()));
    }

    /** The trusted public key {@code keyId} in PEM, if this ledger trusts it. */
    Optional<String> publicKey(String keyId) {
        return Optional.ofNullable(trusted.get(keyId)).map(KeyFiles::pem);
    }

    boolean trusts(String keyId) {
        return trusted.containsKey(keyId);
    }

    byte[] sign(String text) {
        try {
            Signature signature = Signature.getInstance(KeyFiles.ALGORITHM);
            signature.initSign(signing.getPrivate());
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the checkpoint signing key was checked at start, yet cannot sign", e);
        }
    }

    /** Whether {@code signature} is {@code keyId}'s signature of {@code text}; false for a key not trusted. */
    boolean verifies(String keyId, String text, byte[] signature) {
        PublicKey key = trusted.get(keyId);
        if (key == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(KeyFiles.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(text.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // a malformed signature is one that does not verify
            return false;
        }
    }
}
