package io.ledger.client.internal;

/**
 * The ledger's final answer to one request: one that retrying could not have changed.
 *
 * @param contentType the answer's media type without parameters, such as {@code application/json}, or null
 */
public record Reply(int status, String body, String contentType) {

    public boolean successful() {
        return status >= 200 && status < 300;
    }

    public boolean clientError() {
        return status >= 400 && status < 500;
    }
}
