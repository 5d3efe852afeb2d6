package io.ledger.api.access;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which migrations a token may write to and read one by one: those whose database matches one of
 * {@code databases} and whose environment matches one of {@code environments}. A pattern is a name, or a name
 * with {@code *} standing for any run of characters ({@code orders-*}, {@code *}).
 */
public record TokenScope(List<String> databases, List<String> environments) {

    /** Every database in every environment. */
    public static final TokenScope EVERYTHING = new TokenScope(List.of("*"), List.of("*"));

    public TokenScope {
        // Copied, nulls kept, so that validation can name them.
        databases = databases == null ? null : Collections.unmodifiableList(new ArrayList<>(databases));
        environments = environments == null ? null : Collections.unmodifiableList(new ArrayList<>(environments));
    }
}
