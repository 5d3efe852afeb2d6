package io.ledger.client.cli;

import io.ledger.api.integrity.Checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A checkpoint's Ed25519 signature checked with a public key the auditor holds, with nothing but the JDK: the
 * ledger is not asked, so a ledger that was taken over cannot vouch for itself.
 */
final class CheckpointSignature {

    private static final String ALGORITHM = "Ed25519";

    private CheckpointSignature() {
    }

    /**
     * @param pem a public key as {@code GET /api/v1/ledger/public-key} gives it, or {@code openssl pkey -pubout}
     * @throws IllegalArgumentException when it is not an Ed25519 public key in PEM
     */
    static PublicKey publicKey(String pem) {
        String begin = "-----BEGIN PUBLIC KEY-----";
        String end = "-----END PUBLIC KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("not a public key in PEM (" + begin + ")");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an " + ALGORITHM + " public key", e);
        }
    }

    /** The ledger's id of {@code key}: the first 8 bytes of the SHA-256 of its encoding, in hex. */
    static String keyId(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static boolean verifies(Checkpoint checkpoint, PublicKey key) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(checkpoint.signedText().getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException malformed) {
            return false;
        }
    }
}
