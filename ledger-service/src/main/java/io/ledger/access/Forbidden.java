package io.ledger.access;

/** A request the caller's token does not allow; answered {@code 403} with the message, and logged. */
public class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message);
    }
}
