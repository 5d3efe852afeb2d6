package io.ledger.lint;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ScriptSplitterTest {

    @Test
    void statementsKeepTheirStartingLineAndColumn() {
        List<Statement> statements = ScriptSplitter.split("SELECT 1;\n\n  SELECT\n 2;  SELECT 3").statements();

        assertThat(statements).extracting(Statement::text, Statement::line, Statement::column)
                .containsExactly(tuple("SELECT 1", 1, 1), tuple("SELECT\n 2", 3, 3), tuple("SELECT 3", 4, 6));
    }

    @Test
    void semicolonsInsideStringsQuotedIdentifiersAndDollarQuotesDoNotSplit() {
        String sql = "SELECT 'a;''b', E'c\\';d', \"e;f\", $$g;h$$, $tag$ $$ ; $tag$;\nSELECT 2";

        assertThat(ScriptSplitter.split(sql).statements()).hasSize(2);
    }

    @Test
    void nestedBlockCommentsAndLineCommentsAreNotStatements() {
        String sql = "/* outer /* inner; */ still; comment */ -- DROP TABLE x;\nSELECT 1;";

        assertThat(ScriptSplitter.split(sql).statements()).extracting(Statement::text).containsExactly("SELECT 1");
    }

    @Test
    void byteOrderMarkIsNotPartOfTheFirstStatement() {
        assertThat(ScriptSplitter.split("\uFEFFSELECT 1;").statements()).extracting(Statement::text, Statement::column)
                .containsExactly(tuple("SELECT 1", 1));
    }

    @Test
    void psqlMetaCommandsAreItemsOfTheirOwnEndingAtTheirLineEnd() {
        List<Statement> statements = ScriptSplitter.split(
                "\\set ON_ERROR_STOP on\nDROP TABLE orders;\nSELECT 1 \\gset\nTRUNCATE orders;").statements();

        assertThat(statements).extracting(Statement::text, Statement::line).containsExactly(
                tuple("\\set ON_ERROR_STOP on", 1), tuple("DROP TABLE orders", 2), tuple("SELECT 1", 3),
                tuple("\\gset", 3), tuple("TRUNCATE orders", 4));
    }

    @Test
    void copyFromStdinDataRowsAreSkippedUpToTheirEndMarker() {
        List<Statement> statements = ScriptSplitter.split("COPY orders (id, note) FROM stdin;\n1\tit's; broken\n\\.\n"
                + "DROP TABLE orders;\n\\copy orders from stdin\n2\tit's\n\\.\nTRUNCATE orders;").statements();

        assertThat(statements).extracting(Statement::text, Statement::line).containsExactly(
                tuple("COPY orders (id, note) FROM stdin", 1), tuple("DROP TABLE orders", 4),
                tuple("\\copy orders from stdin", 5), tuple("TRUNCATE orders", 8));
    }

    @Test
    void statementsBetweenBeginAndCommitRunInATransactionBlock() {
        List<Statement> statements = ScriptSplitter.split("SELECT 0; BEGIN; SELECT 1; SAVEPOINT s; "
                + "ROLLBACK TO SAVEPOINT s; SELECT 2; COMMIT; SELECT 3;").statements();

        assertThat(statements).extracting(Statement::text, Statement::inTransactionBlock).containsExactly(
                tuple("SELECT 0", false), tuple("BEGIN", false), tuple("SELECT 1", true),
                tuple("SAVEPOINT s", true), tuple("ROLLBACK TO SAVEPOINT s", true), tuple("SELECT 2", true),
                tuple("COMMIT", false), tuple("SELECT 3", false));
    }

    @Test
    void commentsBelongToTheStatementTheyPrecedeOrTrail() {
        List<Statement> statements = ScriptSplitter.split(
                "SELECT 1; -- trails one\n-- leads two\nSELECT 2; -- trails two\n").statements();

        assertThat(statements).extracting(statement -> statement.comments().stream().map(Comment::text).toList())
                .containsExactly(List.of("-- trails one"), List.of("-- leads two", "-- trails two"));
    }

    @Test
    void aCommentBeforeTheTerminatingSemicolonBelongsToItsStatement() {
        List<Statement> statements = ScriptSplitter.split("DROP TABLE a\n  -- inside a\n;\nDROP TABLE b;").statements();

        assertThat(statements).extracting(statement -> statement.comments().stream().map(Comment::text).toList())
                .containsExactly(List.of("-- inside a"), List.of());
    }

    @Test
    void aBlankLineEndsTheCommentsThatLeadAStatement() {
        ScriptSplitter.Script script = ScriptSplitter.split(
                "-- far\n-- still far\n\n-- near\n/* near too */\nSELECT 1;");

        assertThat(script.statements().get(0).comments()).extracting(Comment::text)
                .containsExactly("-- near", "/* near too */");
        assertThat(script.looseComments()).extracting(Comment::text).containsExactly("-- far", "-- still far");
    }
}
