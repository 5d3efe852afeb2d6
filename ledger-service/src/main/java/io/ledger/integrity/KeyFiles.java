package io.ledger.integrity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys in PEM files, as {@code openssl genpkey -algorithm ed25519} writes them: a private key as PKCS#8
 * ({@code PRIVATE KEY}), a public key as X.509 SubjectPublicKeyInfo ({@code PUBLIC KEY}).
 */
final class KeyFiles {

    static final String ALGORITHM = "Ed25519";

    private static final Kind PRIVATE = new Kind("PRIVATE KEY", "checkpoint signing key",
            "an Ed25519 private key in PEM (PKCS#8)",
            "Set LEDGER_SIGNING_KEY_FILE to a readable file holding one (openssl genpkey -algorithm ed25519 -out "
                    + "FILE)");
    private static final Kind PUBLIC = new Kind("PUBLIC KEY", "trusted public key", "an Ed25519 public key in PEM",
            "Correct ledger.checkpoints.previous-public-key-files (openssl pkey -in OLD-KEY.pem -pubout exports one)");

    private KeyFiles() {
    }

    /** The key pair whose private key {@code file} holds. */
    static KeyPair readPrivate(Path file) {
        try {
            PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(PRIVATE.der(file)));
            return new KeyPair(publicKeyOf((EdECPrivateKey) privateKey), privateKey);
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw PRIVATE.malformed(file, e);
        }
    }

    static PublicKey readPublic(Path file) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(PUBLIC.der(file)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw PUBLIC.malformed(file, e);
        }
    }

    /** Creates a new key pair, its private key in {@code file} readable by its owner only. */
    static KeyPair generate(Path file) {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 platform has " + ALGORITHM, e);
        }
        Path directory = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
            Path written = Files.createTempFile(directory, file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(written, pem(PRIVATE.label, pair.getPrivate().getEncoded()));
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
            return pair;
        } catch (IOException e) {
            throw new SigningKeyException("Cannot create the checkpoint signing key " + file + " (" + reason(e) + ")",
                    PRIVATE.action, e);
        }
    }

    static String pem(PublicKey key) {
        return pem(PUBLIC.label, key.getEncoded());
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /**
     * Java 17 has no API that derives an Ed25519 public key from its private key, but its key pair generator derives
     * the public key from the 32 random bytes it draws: handed the private key's bytes as those, it yields the
     * pair. A signature made with the one and verified with the other proves the pair right.
     */
    private static PublicKey publicKeyOf(EdECPrivateKey privateKey) throws GeneralSecurityException {
        byte[] seed = privateKey.getBytes().orElseThrow(() -> new IllegalArgumentException("no key bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, bytes.length);
            }
        });
        PublicKey publicKey = generator.generateKeyPair().getPublic();
        byte[] probe = "migration-ledger key check".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(ALGORITHM);
        signer.initSign(privateKey);
        signer.update(probe);
        Signature verifier = Signature.getInstance(ALGORITHM);
        verifier.initVerify(publicKey);
        verifier.update(probe);
        if (!verifier.verify(signer.sign())) {
            throw new IllegalArgumentException("the derived public key does not verify the key's signatures");
        }
        return publicKey;
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fileSystem) {
            return fileSystem.getReason() != null ? fileSystem.getReason() : e.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** One kind of key file: its PEM label, and how its problems are reported. */
    private record Kind(String label, String name, String expected, String action) {

        byte[] der(Path file) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new SigningKeyException("Cannot read the " + name + " " + file + " (" + reason(e) + ")", action, e);
            }
            String begin = "-----BEGIN " + label + "-----";
            String end = "-----END " + label + "-----";
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            if (from < 0 || to < from) {
                throw malformed(file, null);
            }
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        }

        SigningKeyException malformed(Path file, Exception cause) {
            return new SigningKeyException("The " + name + " " + file + " is not " + expected, action, cause);
        }
    }
}
