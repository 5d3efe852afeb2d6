package io.ledger.lint;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ScriptSplitterTest {

    @Test
    void statementsKeepTheirStartingLineAndColumn() {
        List<Statement> statements = ScriptSplitter.split("SELECT 1;\n\n  SELECT\n 2;  SELECT 3");

        assertThat(statements).extracting(Statement::text, Statement::line, Statement::column)
                .containsExactly(tuple("SELECT 1", 1, 1), tuple("SELECT\n 2", 3, 3), tuple("SELECT 3", 4, 6));
    }

    @Test
    void semicolonsInsideStringsQuotedIdentifiersAndDollarQuotesDoNotSplit() {
        String sql = "SELECT 'a;''b', E'c\\';d', \"e;f\", $$g;h$$, $tag$ $$ ; $tag$;\nSELECT 2";

        assertThat(ScriptSplitter.split(sql)).hasSize(2);
    }

    @Test
    void nestedBlockCommentsAndLineCommentsAreNotStatements() {
        String sql = "/* outer /* inner; */ still; comment */ -- DROP TABLE x;\nSELECT 1;";

        assertThat(ScriptSplitter.split(sql)).extracting(Statement::text).containsExactly("SELECT 1");
    }

    @Test
    void byteOrderMarkIsNotPartOfTheFirstStatement() {
        assertThat(ScriptSplitter.split("\uFEFFSELECT 1;")).extracting(Statement::text).containsExactly("SELECT 1");
    }

    @Test
    void statementsBetweenBeginAndCommitRunInATransactionBlock() {
        List<Statement> statements = ScriptSplitter.split(
                "SELECT 0; BEGIN; SELECT 1; SAVEPOINT s; ROLLBACK TO SAVEPOINT s; SELECT 2; COMMIT; SELECT 3;");

        assertThat(statements).extracting(Statement::text, Statement::inTransactionBlock).containsExactly(
                tuple("SELECT 0", false), tuple("BEGIN", false), tuple("SELECT 1", true),
                tuple("SAVEPOINT s", true), tuple("ROLLBACK TO SAVEPOINT s", true), tuple("SELECT 2", true),
                tuple("COMMIT", false), tuple("SELECT 3", false));
    }

    @Test
    void commentsBelongToTheStatementTheyPrecedeOrTrail() {
        List<Statement> statements = ScriptSplitter.split(
                "SELECT 1; -- trails one\n-- leads two\nSELECT 2; -- trails two\n");

        assertThat(statements).extracting(statement -> statement.comments().stream().map(Comment::text).toList())
                .containsExactly(List.of("-- trails one"), List.of("-- leads two", "-- trails two"));
    }
}
