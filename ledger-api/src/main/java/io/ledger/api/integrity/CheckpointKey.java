package io.ledger.api.integrity;

/** The public key the ledger signs its checkpoints with now: its id, {@code Ed25519}, and the key in PEM. */
public record CheckpointKey(String keyId, String algorithm, String publicKey) {
}
