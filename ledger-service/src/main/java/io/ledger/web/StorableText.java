package io.ledger.web;

import java.util.Optional;

/**
 * Text the ledger can store and answer with. PostgreSQL's text cannot hold U+0000: an event carrying one is stored
 * (payloads are bytes) but stops every read model that copies the field into a column. An unpaired surrogate is not
 * Unicode at all, and the answer that echoes it cannot be written as UTF-8.
 */
public final class StorableText {

    private StorableText() {
    }

    /** Why the ledger cannot take this text, or empty when it can. */
    public static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("contains U+0000 (NUL), which the ledger cannot store");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase()
                        + "), which is not Unicode text");
            }
        }
        return Optional.empty();
    }
}
