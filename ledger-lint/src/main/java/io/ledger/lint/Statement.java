package io.ledger.lint;

import java.util.List;

/**
 * One statement of a script: its text without the terminating semicolon, where it starts, its tokens, whether it
 * runs inside an explicit {@code BEGIN ... COMMIT} block, and the comments that belong to it (the ones just before
 * it, inside it, or after it on its last line), where suppressions are written.
 */
record Statement(String text, int line, int column, List<Token> tokens, boolean inTransactionBlock,
                 List<Comment> comments) {

    Statement {
        tokens = List.copyOf(tokens);
        comments = List.copyOf(comments);
    }

    /** Whether the statement's first tokens are these keywords, e.g. {@code startsWith("VACUUM", "FULL")}. */
    boolean startsWith(String... words) {
        if (tokens.size() < words.length) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!tokens.get(i).is(words[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether these keywords appear one after the other anywhere in the statement. */
    boolean containsWords(String... words) {
        return Token.containWords(tokens, 0, tokens.size(), words);
    }

    boolean hasWord(String word) {
        return tokens.stream().anyMatch(token -> token.is(word));
    }
}
