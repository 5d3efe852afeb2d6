package io.ledger.web;

import org.springframework.http.MediaType;
import org.springframework.util.MimeTypeUtils;

import java.util.List;

/** The representation a client prefers, for the endpoints that answer in more than one. */
public final class Representations {

    private Representations() {
    }

    /**
     * The first of {@code offered} that the client's most preferred {@code Accept} type takes, ranked as Spring ranks
     * them (quality, then the more specific first), so that {@code text/*} gets CSV and {@code *}{@code /*} the first
     * offered. The mapping's {@code produces} has refused an Accept that takes none of them, and RequestHeaderFilter
     * one that does not parse; a client that accepts only problems gets the first offered.
     */
    public static MediaType preferred(String accept, MediaType... offered) {
        if (accept == null) {
            return offered[0];
        }
        List<MediaType> accepted = MediaType.parseMediaTypes(accept);
        MimeTypeUtils.sortBySpecificity(accepted);
        for (MediaType type : accepted) {
            for (MediaType representation : offered) {
                if (type.includes(representation)) {
                    return representation;
                }
            }
        }
        return offered[0];
    }
}
