package io.ledger.lint;

import net.sf.jsqlparser.statement.update.Update;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class InlineParserTest {

    private static final InlineParser PARSER = new InlineParser(InlineParser.LIMIT);
    /** Valid, and long enough that reading it takes most of a second. */
    private static final String LONG_SUM = "SELECT 1" + "+1".repeat(200_000);

    @Test
    void parsesAStatement() {
        assertThat(PARSER.parse("UPDATE orders SET status = 'paid' WHERE id = 42")).isInstanceOf(Update.class);
    }

    @Test
    void answersNothingForWhatItCannotRead() {
        assertThat(PARSER.parse("UPDATE orders SET WHERE")).isNull();
        assertThat(PARSER.parse("")).isNull();
    }

    @Test
    void readsALongStatementWithinItsLimit() {
        assertThat(PARSER.parse(LONG_SUM)).isNotNull();
    }

    @Test
    void givesUpOnAParseThatRunsPastItsLimit() {
        // Compared rather than printed: the tree of a sum this long overflows the stack of its own toString.
        assertThat(new InlineParser(Duration.ofMillis(10)).parse(LONG_SUM) == null).as("stopped at its limit").isTrue();
    }
}
