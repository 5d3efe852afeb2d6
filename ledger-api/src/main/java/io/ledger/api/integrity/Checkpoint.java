package io.ledger.api.integrity;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A signed checkpoint of the ledger-wide chain: the first {@code events} events the ledger sealed, the last of them
 * at {@code position}, hash to {@code chainHash} (hex). {@code signature} (base64) is the Ed25519 signature of
 * {@link #signedText()} by the key {@code keyId}, whose public key is {@code publicKey} (PEM). Store checkpoints
 * outside the ledger: one verified against today's ledger proves that nothing it covers has changed since.
 */
public record Checkpoint(
        @JsonProperty(required = true) long events,
        @JsonProperty(required = true) long position,
        @JsonProperty(required = true) String chainHash,
        @JsonProperty(required = true) Instant createdAt,
        @JsonProperty(required = true) String keyId,
        String algorithm,
        String publicKey,
        @JsonProperty(required = true) String signature) {

    /**
     * What is signed, in UTF-8: one {@code name: value} line per signed field, each ending in a line feed, so that an
     * auditor can check a signature with nothing but openssl (docs/security.md).
     */
    public String signedText() {
        return "migration-ledger checkpoint v1\n"
                + "events: " + events + "\n"
                + "position: " + position + "\n"
                + "chain-hash: " + chainHash + "\n"
                + "created-at: " + createdAt + "\n"
                + "key-id: " + keyId + "\n";
    }
}
