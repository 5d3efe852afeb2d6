package io.ledger.lint;

import io.ledger.lint.Token.Kind;

import java.util.List;
import java.util.Set;

/**
 * Rewrites, token by token, the PostgreSQL spellings JSqlParser 5.4 rejects into ones it reads and that mean the
 * same to the rules: an {@code E'...'} string with backslash escapes becomes a standard string, {@code ONLY}
 * before a table name (which only leaves out inheritance children) and TRUNCATE's {@code RESTART IDENTITY} /
 * {@code CONTINUE IDENTITY} are left out. The text between the tokens kept is copied as written.
 */
final class PostgresSpellings {

    private static final Set<String> BEFORE_ONLY = Set.of("FROM", "UPDATE", "TABLE", "TRUNCATE", "EXISTS", "JOIN");

    private PostgresSpellings() {
    }

    /** The statement's tokens from {@code from} to {@code to} (exclusive) rewritten, or as written. */
    static String rewrite(Statement statement, int from, int to) {
        List<Token> tokens = statement.tokens();
        int base = tokens.get(0).start();
        StringBuilder text = new StringBuilder();
        Token previous = null;
        for (int i = from; i < to; i++) {
            Token token = tokens.get(i);
            if (isOnlyBeforeATable(tokens, i) || isIdentityOption(tokens, i)) {
                previous = null;
                continue;
            }
            if (previous != null) {
                text.append(statement.text(), previous.end() - base, token.start() - base);
            } else if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(token.kind() == Kind.STRING && isEscapeString(token) ? standardString(token) : token.text());
            previous = token;
        }
        return text.toString();
    }

    static String rewrite(Statement statement) {
        return rewrite(statement, 0, statement.tokens().size());
    }

    private static boolean isOnlyBeforeATable(List<Token> tokens, int i) {
        return tokens.get(i).is("ONLY") && i > 0 && BEFORE_ONLY.contains(tokens.get(i - 1).upper())
                && i + 1 < tokens.size() && (tokens.get(i + 1).kind() == Kind.WORD
                || tokens.get(i + 1).kind() == Kind.QUOTED_IDENTIFIER);
    }

    /** {@code RESTART IDENTITY} or {@code CONTINUE IDENTITY} in a TRUNCATE, either word of it. */
    private static boolean isIdentityOption(List<Token> tokens, int i) {
        if (!tokens.get(0).is("TRUNCATE")) {
            return false;
        }
        Token token = tokens.get(i);
        boolean option = (token.is("RESTART") || token.is("CONTINUE")) && i + 1 < tokens.size()
                && tokens.get(i + 1).is("IDENTITY");
        boolean identity = token.is("IDENTITY")
                && (tokens.get(i - 1).is("RESTART") || tokens.get(i - 1).is("CONTINUE"));
        return option || identity;
    }

    private static boolean isEscapeString(Token token) {
        char first = token.text().charAt(0);
        return first == 'E' || first == 'e';
    }

    /** {@code E'it\'s'} as {@code 'it''s'}: an escaped character stands for itself, a quote is doubled. */
    private static String standardString(Token token) {
        String body = token.text().substring(2, Math.max(2, token.text().length() - 1));
        StringBuilder standard = new StringBuilder("'");
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if ((c == '\\' || c == '\'') && i + 1 < body.length()) {
                // a backslash escape, or a quote doubled as in a standard string
                c = body.charAt(++i);
            }
            standard.append(c == '\'' ? "''" : String.valueOf(c));
        }
        return standard.append('\'').toString();
    }
}
