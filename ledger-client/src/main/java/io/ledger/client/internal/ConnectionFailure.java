package io.ledger.client.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * java.net.http's connection errors name neither the ledger nor what went wrong: a refused connection and an unknown
 * host are both a {@code ConnectException} without a message, which made "ledger unavailable ..., last error
 * java.net.ConnectException" all a runner's log said. These are the same kinds of exception, saying both, with the
 * JDK's as their cause.
 */
final class ConnectionFailure {

    private ConnectionFailure() {
    }

    static IOException described(IOException failure, URI uri, Duration requestTimeout) {
        String ledger = uri.getHost() + ":" + (uri.getPort() != -1 ? uri.getPort()
                : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
        IOException described;
        if (failure instanceof HttpConnectTimeoutException) {
            described = new HttpConnectTimeoutException("timed out connecting to " + ledger);
        } else if (failure instanceof HttpTimeoutException) {
            described = new HttpTimeoutException("no answer from " + ledger + " within " + requestTimeout);
        } else if (failure instanceof ConnectException) {
            described = new ConnectException(connectFailure(failure, uri.getHost(), ledger));
        } else {
            return failure;
        }
        described.initCause(failure);
        return described;
    }

    private static String connectFailure(Throwable failure, String host, String ledger) {
        String message = null;
        boolean closed = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "unknown host " + host;
            }
            // What JDK 17 gives for a refused connection: ConnectExceptions without a message over this.
            closed |= cause instanceof ClosedChannelException;
            message = message != null ? message : cause.getMessage();
        }
        return message != null ? "cannot connect to " + ledger + ": " + message
                : closed ? "connection refused by " + ledger
                : "cannot connect to " + ledger;
    }
}
