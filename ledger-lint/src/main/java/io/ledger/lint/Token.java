package io.ledger.lint;

import java.util.Locale;

/** One lexical token of a script, with where it starts; {@code end} is the offset just after it. */
record Token(Kind kind, String text, int line, int column, int start, int end) {

    enum Kind { WORD, QUOTED_IDENTIFIER, STRING, NUMBER, PARAMETER, SYMBOL, META_COMMAND }

    /** Whether this is the unquoted keyword (or identifier) {@code word}, case-insensitively. */
    boolean is(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }
}
