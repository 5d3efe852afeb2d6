package io.ledger.lint;

import io.ledger.lint.Token.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * A small PostgreSQL lexer: just enough to find statement boundaries and keywords without being fooled by
 * semicolons or SQL inside strings, quoted identifiers, dollar-quoted bodies and comments. The SQL itself is
 * analysed by JSqlParser; these tokens only split it, locate it and recognise the few statements JSqlParser
 * cannot parse. Scripts written for psql may also hold meta-commands and the data rows of {@code COPY ... FROM
 * STDIN}, which are not SQL: a meta-command is one token, and the data rows are skipped.
 */
final class Lexer {

    /** Editors on Windows often save migrations with one; it is not a token. */
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final String sql;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    private int position;
    private int line = 1;
    private int lineStart;

    /** Where the statement being read starts in {@link #tokens}, to tell whether a semicolon ends a COPY. */
    private int statementStart;

    private Lexer(String sql) {
        this.sql = sql;
        if (sql.startsWith(String.valueOf(BYTE_ORDER_MARK))) {
            // Skipped as if it were not there, so that the first line's columns are the editor's.
            position = 1;
            lineStart = 1;
        }
    }

    record Result(List<Token> tokens, List<Comment> comments) {
    }

    static Result lex(String sql) {
        Lexer lexer = new Lexer(sql);
        lexer.run();
        return new Result(List.copyOf(lexer.tokens), List.copyOf(lexer.comments));
    }

    private void run() {
        while (position < sql.length()) {
            char c = sql.charAt(position);
            int start = position;
            int startLine = line;
            int startColumn = position - lineStart + 1;
            if (Character.isWhitespace(c)) {
                advance();
            } else if (c == '\\') {
                metaCommand(start, startLine, startColumn);
            } else if (c == '-' && peek(1) == '-') {
                while (position < sql.length() && sql.charAt(position) != '\n') {
                    advance();
                }
                comments.add(new Comment(sql.substring(start, position), startLine, startColumn, start));
            } else if (c == '/' && peek(1) == '*') {
                blockComment();
                comments.add(new Comment(sql.substring(start, position), startLine, startColumn, start));
            } else if (c == '\'') {
                quoted('\'', false);
                add(Kind.STRING, start, startLine, startColumn);
            } else if ((c == 'E' || c == 'e') && peek(1) == '\'') {
                advance();
                quoted('\'', true);
                add(Kind.STRING, start, startLine, startColumn);
            } else if (c == '"') {
                quoted('"', false);
                add(Kind.QUOTED_IDENTIFIER, start, startLine, startColumn);
            } else if (c == '$' && Character.isDigit(peek(1))) {
                advance();
                while (position < sql.length() && Character.isDigit(sql.charAt(position))) {
                    advance();
                }
                add(Kind.PARAMETER, start, startLine, startColumn);
            } else if (c == '$' && dollarTagEnd() > 0) {
                dollarQuoted();
                add(Kind.STRING, start, startLine, startColumn);
            } else if (isWordStart(c)) {
                while (position < sql.length() && isWordPart(sql.charAt(position))) {
                    advance();
                }
                add(Kind.WORD, start, startLine, startColumn);
            } else if (Character.isDigit(c)) {
                while (position < sql.length()
                        && (Character.isLetterOrDigit(sql.charAt(position)) || sql.charAt(position) == '.')) {
                    advance();
                }
                add(Kind.NUMBER, start, startLine, startColumn);
            } else {
                advance();
                add(Kind.SYMBOL, start, startLine, startColumn);
                if (c == ';') {
                    endStatement();
                }
            }
        }
    }

    /**
     * A backslash outside strings and comments is never SQL; psql reads it as a meta-command ({@code \set},
     * {@code \i}, {@code \gset}...) that runs to the end of its line. It also ends the statement being read, as
     * {@code \g} and its kin do; a {@code \copy ... from stdin} is followed by data rows like COPY's.
     */
    private void metaCommand(int start, int startLine, int startColumn) {
        while (position < sql.length() && sql.charAt(position) != '\n') {
            advance();
        }
        add(Kind.META_COMMAND, start, startLine, startColumn);
        statementStart = tokens.size();
        if (isCopyFromStdin(lex(sql.substring(start + 1, position)).tokens())) {
            skipCopyData();
        }
    }

    private void endStatement() {
        List<Token> statement = tokens.subList(statementStart, tokens.size() - 1);
        statementStart = tokens.size();
        if (isCopyFromStdin(statement)) {
            skipCopyData();
        }
    }

    /** {@code COPY table [(columns)] FROM STDIN ...}: its data rows follow the statement's line. */
    private static boolean isCopyFromStdin(List<Token> statement) {
        if (statement.isEmpty() || !statement.get(0).is("COPY")) {
            return false;
        }
        for (int i = 1; i + 1 < statement.size(); i++) {
            if (statement.get(i).is("FROM") && statement.get(i + 1).is("STDIN")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The rows start on the line after the statement and end at a line {@code \.}; they are data, where an
     * apostrophe or a semicolon means nothing. Without that line nothing is skipped: what follows is then read as
     * SQL rather than hidden from the rules.
     */
    private void skipCopyData() {
        int lineEnd = sql.indexOf('\n', position);
        while (lineEnd >= 0) {
            int next = sql.indexOf('\n', lineEnd + 1);
            int rowEnd = next < 0 ? sql.length() : next;
            if (sql.substring(lineEnd + 1, rowEnd).strip().equals("\\.")) {
                while (position < rowEnd) {
                    advance();
                }
                return;
            }
            lineEnd = next;
        }
    }

    private void add(Kind kind, int start, int startLine, int startColumn) {
        tokens.add(new Token(kind, sql.substring(start, position), startLine, startColumn, start, position));
    }

    /** Block comments nest in PostgreSQL, unlike in most other dialects. */
    private void blockComment() {
        int depth = 0;
        while (position < sql.length()) {
            if (sql.startsWith("/*", position)) {
                depth++;
                advance();
                advance();
            } else if (sql.startsWith("*/", position)) {
                depth--;
                advance();
                advance();
                if (depth == 0) {
                    return;
                }
            } else {
                advance();
            }
        }
    }

    /** A doubled quote escapes itself; in E'' strings a backslash escapes the next character too. */
    private void quoted(char quote, boolean backslashEscapes) {
        advance();
        while (position < sql.length()) {
            char c = sql.charAt(position);
            if (backslashEscapes && c == '\\') {
                advance();
                advance();
            } else if (c == quote && peek(1) == quote) {
                advance();
                advance();
            } else if (c == quote) {
                advance();
                return;
            } else {
                advance();
            }
        }
    }

    /** The offset just after the opening {@code $tag$} at the current position, or -1 when there is none. */
    private int dollarTagEnd() {
        int i = position + 1;
        while (i < sql.length() && isWordPart(sql.charAt(i)) && sql.charAt(i) != '$') {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? i + 1 : -1;
    }

    private void dollarQuoted() {
        String tag = sql.substring(position, dollarTagEnd());
        int close = sql.indexOf(tag, position + tag.length());
        int end = close < 0 ? sql.length() : close + tag.length();
        while (position < end) {
            advance();
        }
    }

    private void advance() {
        if (sql.charAt(position) == '\n') {
            line++;
            lineStart = position + 1;
        }
        position++;
    }

    private char peek(int ahead) {
        int i = position + ahead;
        return i < sql.length() ? sql.charAt(i) : '\0';
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
