package io.ledger.access;

/** A token change that contradicts what exists: a name taken, or the last admin token revoked. */
class TokenConflictException extends RuntimeException {

    TokenConflictException(String message) {
        super(message);
    }
}
