package io.ledger.lint;

import io.ledger.lint.Token.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * A small PostgreSQL lexer: just enough to find statement boundaries and keywords without being fooled by
 * semicolons or SQL inside strings, quoted identifiers, dollar-quoted bodies and comments. The SQL itself is
 * analysed by JSqlParser; these tokens only split it, locate it and recognise the few statements JSqlParser
 * cannot parse.
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

    private Lexer(String sql) {
        this.sql = sql;
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
            if (Character.isWhitespace(c) || c == BYTE_ORDER_MARK) {
                advance();
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
            }
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
