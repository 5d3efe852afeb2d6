package io.ledger.integrity;

import io.ledger.api.integrity.CheckpointKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
            warnIfOthersCanRead(settings.signingKeyFile());
        } else {
            Path generated = generated(dataDirectory);
            signing = Files.exists(generated) ? readGenerated(generated) : KeyFiles.generate(generated);
            warnIfOthersCanRead(generated);
            log.warn("Checkpoints are signed with the key in {}, next to the ledger's data: whoever can read it can "
                    + "re-sign a rewritten ledger. Keep the signing key elsewhere and set LEDGER_SIGNING_KEY_FILE "
                    + "(docs/security.md).", generated.toAbsolutePath().normalize());
        }
        CheckpointKeys keys = new CheckpointKeys(signing,
                settings.previousPublicKeyFiles().stream().map(KeyFiles::readPublic).toList());
        log.info("Checkpoints are signed with {} key {}", KeyFiles.ALGORITHM, keys.keyId);
        return keys;
    }

    /**
     * Reads every key {@link #load} would, without generating one or saying anything.
     *
     * @throws SigningKeyException as {@link #load} does
     */
    static void check(CheckpointSettings settings, Path dataDirectory) {
        if (settings.signingKeyFile() != null) {
            KeyFiles.readPrivate(settings.signingKeyFile());
        } else if (Files.exists(generated(dataDirectory))) {
            readGenerated(generated(dataDirectory));
        }
        settings.previousPublicKeyFiles().forEach(KeyFiles::readPublic);
    }

    private static Path generated(Path dataDirectory) {
        return dataDirectory.resolve(GENERATED_FILE);
    }

    /**
     * A generated key that cannot be read is the ledger's own, damaged: pointing the ledger at another key would leave
     * every checkpoint it signed unverifiable, so the fix is the backup.
     */
    private static KeyPair readGenerated(Path generated) {
        try {
            return KeyFiles.readPrivate(generated);
        } catch (SigningKeyException damaged) {
            throw new SigningKeyException(damaged.getMessage(), "Restore " + GENERATED_FILE + " from a backup of the "
                    + "data directory: the checkpoints signed so far verify only with its key. If it is lost for good, "
                    + "move it aside and a new key is generated at the next start; the checkpoints signed before "
                    + "then no longer verify (docs/operations.md, Checkpoint signing key)", damaged);
        }
    }

    /** Whoever can read the key can sign a rewritten ledger: it is made for its owner only, and should stay so. */
    private static void warnIfOthersCanRead(Path key) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(key);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                log.warn("The checkpoint signing key {} can be read by other users of this machine ({}): whoever "
                        + "reads it can re-sign a rewritten ledger; chmod 600 it", key,
                        PosixFilePermissions.toString(permissions));
            }
        } catch (IOException | UnsupportedOperationException notPosix) {
            // Read above, so it exists; a file system without POSIX permissions has nothing to say here.
        }
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
