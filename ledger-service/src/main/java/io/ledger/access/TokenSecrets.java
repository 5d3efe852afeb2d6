package io.ledger.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A token's secret: 256 random bits, recognisable by its {@code mlg_} prefix (so that secret scanners and people
 * can tell it apart). Only its SHA-256 is stored; with this much entropy a plain hash is as good as a slow one.
 */
final class TokenSecrets {

    static final String PREFIX = "mlg_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException everyJdkHasIt) {
            throw new IllegalStateException(everyJdkHasIt);
        }
    }
}
