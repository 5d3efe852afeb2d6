package io.ledger.integrity;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The framing every hash of the ledger is taken over (docs/security.md): a variable-length value is its length as a
 * 4-byte big-endian integer then its bytes, null being the length -1 with no bytes; a number is 8 bytes big-endian;
 * a previous hash is its 32 bytes as they are. V8__tamper_evidence.sql frames events the same way.
 */
final class CanonicalBytes {

    static final int HASH_LENGTH = 32;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** @param domain names what is hashed and its version, so that no two kinds of hash share an input */
    CanonicalBytes(String domain) {
        text(domain);
    }

    CanonicalBytes text(String value) {
        return bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    CanonicalBytes bytes(byte[] value) {
        bytes.writeBytes(ByteBuffer.allocate(4).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            bytes.writeBytes(value);
        }
        return this;
    }

    CanonicalBytes number(long value) {
        bytes.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
        return this;
    }

    CanonicalBytes previous(byte[] hash) {
        if (hash.length != HASH_LENGTH) {
            throw new IllegalArgumentException("a hash has " + HASH_LENGTH + " bytes, not " + hash.length);
        }
        bytes.writeBytes(hash);
        return this;
    }

    byte[] sha256() {
        return sha256(bytes.toByteArray());
    }

    /** The hash before the first of a chain. */
    static byte[] noPrevious() {
        return new byte[HASH_LENGTH];
    }

    /** Null for null, as a null column has no digest. */
    static byte[] sha256(byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
