package io.ledger.platform;

import java.util.Optional;

/** What an exception was caused by: frameworks wrap the failure that says what went wrong in their own. */
public final class ExceptionChain {

    private ExceptionChain() {
    }

    /** The first cause of that type in the exception's chain, the exception itself included. */
    public static <T extends Throwable> Optional<T> cause(Throwable exception, Class<T> type) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }
}
