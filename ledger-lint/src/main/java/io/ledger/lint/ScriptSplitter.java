package io.ledger.lint;

import io.ledger.lint.Token.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at top-level semicolons (the lexer already hides the ones inside strings,
 * dollar-quoted bodies and comments) and at psql meta-commands, each of which is an item of its own, and follows
 * transaction blocks across statements.
 */
final class ScriptSplitter {

    private ScriptSplitter() {
    }

    /** The statements of a script, and the comments that belong to none of them. */
    record Script(List<Statement> statements, List<Comment> looseComments) {
    }

    /** A statement's tokens and where it ends: after its terminating semicolon when it has one. */
    private record Group(List<Token> tokens, int end, int endLine) {
    }

    static Script split(String sql) {
        return split(sql, Delivery.STATEMENT_BY_STATEMENT);
    }

    static Script split(String sql, Delivery delivery) {
        Lexer.Result lexed = Lexer.lex(sql);
        List<Group> groups = group(lexed.tokens());
        // PostgreSQL runs a query string of several statements as one implicit transaction block.
        boolean oneImplicitTransaction = delivery == Delivery.ONE_QUERY
                && groups.stream().filter(group -> group.tokens().get(0).kind() != Kind.META_COMMAND).count() > 1;
        List<Statement> statements = new ArrayList<>();
        List<Comment> attached = new ArrayList<>();
        boolean inTransactionBlock = false;
        int previousEnd = 0;
        int previousEndLine = -1;
        for (int i = 0; i < groups.size(); i++) {
            Group group = groups.get(i);
            List<Token> tokens = group.tokens();
            Token first = tokens.get(0);
            Token last = tokens.get(tokens.size() - 1);
            int nextStart = i + 1 < groups.size() ? groups.get(i + 1).tokens().get(0).start() : Integer.MAX_VALUE;
            List<Comment> comments = new ArrayList<>(leadingComments(sql, lexed.comments(), previousEnd,
                    previousEndLine, first));
            for (Comment comment : lexed.comments()) {
                boolean inside = comment.start() > first.start() && comment.start() < group.end();
                boolean trailing = comment.start() >= group.end() && comment.line() == group.endLine()
                        && comment.start() < nextStart;
                if (inside || trailing) {
                    comments.add(comment);
                }
            }
            attached.addAll(comments);
            statements.add(new Statement(sql.substring(first.start(), last.end()), first.line(), first.column(),
                    tokens, oneImplicitTransaction || (inTransactionBlock && !closesTransaction(tokens)),
                    comments));
            if (opensTransaction(tokens)) {
                inTransactionBlock = true;
            } else if (closesTransaction(tokens)) {
                inTransactionBlock = false;
            }
            previousEnd = group.end();
            previousEndLine = group.endLine();
        }
        List<Comment> loose = lexed.comments().stream().filter(comment -> !attached.contains(comment)).toList();
        return new Script(List.copyOf(statements), loose);
    }

    private static List<Group> group(List<Token> tokens) {
        List<Group> groups = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token token : tokens) {
            if (token.isSymbol(";")) {
                if (!current.isEmpty()) {
                    groups.add(new Group(current, token.end(), token.line()));
                    current = new ArrayList<>();
                }
            } else if (token.kind() == Kind.META_COMMAND) {
                if (!current.isEmpty()) {
                    Token last = current.get(current.size() - 1);
                    groups.add(new Group(current, last.end(), last.line()));
                    current = new ArrayList<>();
                }
                groups.add(new Group(List.of(token), token.end(), token.line()));
            } else {
                current.add(token);
            }
        }
        if (!current.isEmpty()) {
            Token last = current.get(current.size() - 1);
            groups.add(new Group(current, last.end(), last.line()));
        }
        return groups;
    }

    /**
     * The comments on the lines just before the statement: the block of comments that ends at it, with no blank
     * line between them or before the statement, after the previous statement and not trailing it on its last line.
     */
    private static List<Comment> leadingComments(String sql, List<Comment> all, int previousEnd, int previousEndLine,
                                                 Token first) {
        List<Comment> leading = new ArrayList<>();
        int boundary = first.start();
        for (int i = all.size() - 1; i >= 0; i--) {
            Comment comment = all.get(i);
            if (comment.start() >= first.start()) {
                continue;
            }
            if (comment.start() < previousEnd || comment.line() == previousEndLine
                    || blankLineBetween(sql, comment.start() + comment.text().length(), boundary)) {
                break;
            }
            leading.add(0, comment);
            boundary = comment.start();
        }
        return leading;
    }

    /** Only whitespace lies between the two offsets; two line ends in it make a blank line. */
    private static boolean blankLineBetween(String sql, int from, int to) {
        int lineEnds = 0;
        for (int i = from; i < to; i++) {
            if (sql.charAt(i) == '\n') {
                lineEnds++;
            }
        }
        return lineEnds >= 2;
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
