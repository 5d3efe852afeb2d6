package io.ledger.web;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    @Test
    void plainFieldsAreWrittenAsTheyAreAndRecordsEndWithCrlf() {
        assertThat(Csv.record(List.of("orders-db", "42"))).isEqualTo("orders-db,42\r\n");
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedWithQuotesDoubled() {
        assertThat(Csv.record(List.of("a,b", "say \"hi\"", "two\nlines", "cr\rhere")))
                .isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\"\r\n");
    }

    @Test
    void aFieldASpreadsheetWouldRunAsAFormulaIsWrittenAsTextButNumbersAsTheyAre() {
        assertThat(Csv.record(List.of("=HYPERLINK(\"http://evil.example\",\"click\")", "+1", "@SUM(A1)", "-2+3",
                "\tx", "-4000", "-1.5e3", "a=b")))
                .isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",'+1,'@SUM(A1),'-2+3,'\tx,-4000,"
                        + "-1.5e3,a=b\r\n");
    }

    @Test
    void absentValuesAreEmptyFields() {
        assertThat(Csv.record(Arrays.asList("a", null, "c"))).isEqualTo("a,,c\r\n");
    }
}
