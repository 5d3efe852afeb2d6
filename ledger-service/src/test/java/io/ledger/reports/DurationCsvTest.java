package io.ledger.reports;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DurationCsvTest {

    @Test
    void plainFieldsStayBare() {
        assertThat(DurationCsv.field("orders-db")).isEqualTo("orders-db");
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedWithQuotesDoubled() {
        assertThat(DurationCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(DurationCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(DurationCsv.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
    }
}
