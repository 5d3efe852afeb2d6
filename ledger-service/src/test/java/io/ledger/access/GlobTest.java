package io.ledger.access;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class GlobTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "*, orders-db, true",
            "*, '', true",
            "orders-db, orders-db, true",
            "orders-db, orders-db2, false",
            "orders-*, orders-db, true",
            "orders-*, orders-, true",
            "orders-*, payments-db, false",
            "*-db, orders-db, true",
            "*-db, orders-db-2, false",
            "o*s-*b, orders-db, true",
            "*s*s*, sss, true",
            "*s*s*, s, false",
            "staging, Staging, false",
            "a*b*c, aXbYbZc, true",
            "a*b*c, aXbYcZ, false"})
    void aStarStandsForAnyRunOfCharacters(String pattern, String name, boolean matches) {
        assertThat(Glob.matches(pattern, name)).isEqualTo(matches);
    }
}
