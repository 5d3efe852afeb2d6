package io.ledger.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at top-level semicolons (the lexer already hides the ones inside strings,
 * dollar-quoted bodies and comments) and follows transaction blocks across statements.
 */
final class ScriptSplitter {

    private ScriptSplitter() {
    }

    static List<Statement> split(String sql) {
        Lexer.Result lexed = Lexer.lex(sql);
        List<List<Token>> groups = group(lexed.tokens());
        List<Statement> statements = new ArrayList<>();
        boolean inTransactionBlock = false;
        int previousEnd = -1;
        int previousEndLine = -1;
        for (int i = 0; i < groups.size(); i++) {
            List<Token> tokens = groups.get(i);
            Token first = tokens.get(0);
            Token last = tokens.get(tokens.size() - 1);
            int nextStart = i + 1 < groups.size() ? groups.get(i + 1).get(0).start() : Integer.MAX_VALUE;
            List<Comment> comments = commentsOf(lexed.comments(), previousEnd, previousEndLine, first, last,
                    nextStart);
            statements.add(new Statement(sql.substring(first.start(), last.end()), first.line(), first.column(),
                    tokens, inTransactionBlock && !closesTransaction(tokens), comments));
            if (opensTransaction(tokens)) {
                inTransactionBlock = true;
            } else if (closesTransaction(tokens)) {
                inTransactionBlock = false;
            }
            previousEnd = last.end();
            previousEndLine = last.line();
        }
        return statements;
    }

    private static List<List<Token>> group(List<Token> tokens) {
        List<List<Token>> groups = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token token : tokens) {
            if (token.isSymbol(";")) {
                if (!current.isEmpty()) {
                    groups.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(token);
            }
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    /**
     * Comments after the previous statement (except those trailing it on its last line), inside this one, and
     * trailing this one on its last line.
     */
    private static List<Comment> commentsOf(List<Comment> all, int previousEnd, int previousEndLine, Token first,
                                            Token last, int nextStart) {
        List<Comment> mine = new ArrayList<>();
        for (Comment comment : all) {
            boolean leading = comment.start() > previousEnd && comment.start() < first.start()
                    && comment.line() != previousEndLine;
            boolean inside = comment.start() > first.start() && comment.start() < last.end();
            boolean trailing = comment.start() > last.end() && comment.line() == last.line()
                    && comment.start() < nextStart;
            if (leading || inside || trailing) {
                mine.add(comment);
            }
        }
        return mine;
    }

    /** {@code BEGIN} or {@code START TRANSACTION}; PL/pgSQL's BEGIN only appears inside dollar-quoted bodies. */
    private static boolean opensTransaction(List<Token> tokens) {
        Token first = tokens.get(0);
        return first.is("BEGIN") || (first.is("START") && tokens.size() > 1 && tokens.get(1).is("TRANSACTION"));
    }

    /** {@code COMMIT}, {@code END}, {@code ABORT} or {@code ROLLBACK}, but not {@code ROLLBACK TO SAVEPOINT}. */
    private static boolean closesTransaction(List<Token> tokens) {
        Token first = tokens.get(0);
        boolean rollbackToSavepoint = first.is("ROLLBACK") && tokens.stream().anyMatch(token -> token.is("TO"));
        return first.is("COMMIT") || first.is("END") || first.is("ABORT")
                || (first.is("ROLLBACK") && !rollbackToSavepoint);
    }
}
