package io.ledger.lint;

import java.util.List;
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

    /** Whether these keywords appear one after the other among {@code tokens}, from {@code from} to {@code to}. */
    static boolean containWords(List<Token> tokens, int from, int to, String... words) {
        for (int i = from; i + words.length <= to; i++) {
            boolean match = true;
            for (int j = 0; j < words.length && match; j++) {
                match = tokens.get(i + j).is(words[j]);
            }
            if (match) {
                return true;
            }
        }
        return false;
    }
}
