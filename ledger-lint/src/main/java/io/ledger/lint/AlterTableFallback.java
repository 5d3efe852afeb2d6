package io.ledger.lint;

import io.ledger.lint.Token.Kind;
import net.sf.jsqlparser.statement.alter.Alter;

import java.util.ArrayList;
import java.util.List;

/**
 * An ALTER TABLE that JSqlParser 5.4 cannot read as a whole, judged one action at a time: each comma-separated
 * action is parsed on its own as {@code ALTER TABLE name action}, so that one form it rejects does not hide the
 * others. The forms it rejects are recognised from their tokens: a trailing {@code NOT VALID} (the action is parsed
 * again without it), {@code ADD [CONSTRAINT c] PRIMARY KEY | UNIQUE USING INDEX} (the safe form: only a brief ACCESS
 * EXCLUSIVE lock), {@code ADD [CONSTRAINT c] CHECK | FOREIGN KEY} (an unnamed constraint) and
 * {@code ALTER [COLUMN] c SET DATA TYPE} (a spelling of {@code TYPE}). An action still unread makes the statement
 * {@code unparsed}.
 */
final class AlterTableFallback {

    private final InlineParser parser;

    /** The tokens of one action, {@code from} inclusive, {@code to} exclusive. */
    private record Action(int from, int to) {
    }

    AlterTableFallback(InlineParser parser) {
        this.parser = parser;
    }

    /** Whether the statement was an ALTER TABLE; if so its facts are filled in. */
    boolean apply(Statement statement, StatementFacts facts) {
        List<Token> tokens = statement.tokens();
        if (!statement.startsWith("ALTER", "TABLE")) {
            return false;
        }
        int nameStart = 2;
        if (statement.startsWith("ALTER", "TABLE", "IF", "EXISTS")) {
            nameStart = 4;
        }
        if (nameStart < tokens.size() && tokens.get(nameStart).is("ONLY")) {
            nameStart++;
        }
        int nameEnd = nameEnd(tokens, nameStart);
        if (nameEnd <= nameStart || nameEnd >= tokens.size()) {
            facts.breaks(Rule.UNPARSED);
            return true;
        }
        String header = "ALTER TABLE " + PostgresSpellings.rewrite(statement, nameStart, nameEnd) + " ";
        boolean unread = false;
        for (Action action : actions(tokens, nameEnd)) {
            unread |= !judge(statement, header, action.from(), action.to(), facts);
        }
        if (unread) {
            facts.breaks(Rule.UNPARSED);
        }
        return true;
    }

    /** Whether the action could be read. */
    private boolean judge(Statement statement, String header, int from, int to, StatementFacts facts) {
        List<Token> tokens = statement.tokens();
        Alter parsed = parse(header + PostgresSpellings.rewrite(statement, from, to));
        boolean notValid = to - from > 2 && tokens.get(to - 2).is("NOT") && tokens.get(to - 1).is("VALID");
        if (parsed == null && notValid) {
            parsed = parse(header + PostgresSpellings.rewrite(statement, from, to - 2));
        }
        if (parsed != null) {
            AlterTableRules.apply(parsed, facts, notValid);
            return true;
        }
        int at = from;
        if (!tokens.get(at).is("ADD") && !tokens.get(at).is("ALTER")) {
            return false;
        }
        boolean add = tokens.get(at).is("ADD");
        at++;
        if (add && at + 1 < to && tokens.get(at).is("CONSTRAINT")) {
            at += 2;
        } else if (!add && at < to && tokens.get(at).is("COLUMN")) {
            at++;
        }
        if (at >= to) {
            return false;
        }
        Token next = tokens.get(at);
        if (add && (next.is("PRIMARY") || next.is("UNIQUE")) && Token.containWords(tokens, at, to, "USING", "INDEX")) {
            facts.accessExclusive = true;
            return true;
        }
        if (add && (next.is("CHECK") || (next.is("FOREIGN") && at + 1 < to && tokens.get(at + 1).is("KEY")))) {
            facts.accessExclusive = true;
            if (!notValid) {
                facts.breaks(Rule.ADD_CONSTRAINT_WITHOUT_NOT_VALID);
            }
            return true;
        }
        if (!add && Token.containWords(tokens, at + 1, to, "TYPE")) {
            facts.breaks(Rule.ALTER_COLUMN_TYPE).accessExclusive = true;
            return true;
        }
        return false;
    }

    private Alter parse(String sql) {
        return parser.parse(sql) instanceof Alter alter ? alter : null;
    }

    /** Just after a possibly qualified name, {@code schema.table}, and an optional {@code *}. */
    private static int nameEnd(List<Token> tokens, int start) {
        int at = start;
        while (at < tokens.size() && isName(tokens.get(at))) {
            at++;
            if (at + 1 < tokens.size() && tokens.get(at).isSymbol(".")) {
                at++;
            } else {
                break;
            }
        }
        if (at < tokens.size() && tokens.get(at).isSymbol("*")) {
            at++;
        }
        return at;
    }

    private static boolean isName(Token token) {
        return token.kind() == Kind.WORD || token.kind() == Kind.QUOTED_IDENTIFIER;
    }

    /** The token ranges of the actions: separated by commas outside parentheses. */
    private static List<Action> actions(List<Token> tokens, int from) {
        List<Action> actions = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")")) {
                depth--;
            } else if (token.isSymbol(",") && depth == 0) {
                if (i > start) {
                    actions.add(new Action(start, i));
                }
                start = i + 1;
            }
        }
        if (start < tokens.size()) {
            actions.add(new Action(start, tokens.size()));
        }
        return actions;
    }
}
