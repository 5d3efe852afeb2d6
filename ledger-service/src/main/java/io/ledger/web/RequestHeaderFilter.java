package io.ledger.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Refuses, before any handler runs, the headers no endpoint can work with. An Accept that is not a list of media types
 * is a {@code 400}: Spring would find out only when choosing how to write the answer, with a {@code 500} or an empty
 * body. A compressed body is a {@code 415}: the ledger does not decompress, and would report gzip's bytes as
 * malformed JSON.
 */
@Component
class RequestHeaderFilter extends OncePerRequestFilter {

    private static final String IDENTITY = "identity";

    private final ObjectMapper json;

    RequestHeaderFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> unparsable = unparsable(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
        if (unparsable.isPresent()) {
            Problems.write(request, response, json, Problems.problem(HttpStatus.BAD_REQUEST, "bad-request",
                    "Bad Request", "the Accept header is not a list of media types: " + unparsable.get()));
            return;
        }
        List<String> encodings = Collections.list(request.getHeaders(HttpHeaders.CONTENT_ENCODING)).stream()
                .flatMap(header -> List.of(header.split(",")).stream()).map(String::strip)
                .filter(coding -> !coding.isEmpty() && !coding.equalsIgnoreCase(IDENTITY)).toList();
        if (!encodings.isEmpty()) {
            response.setHeader(HttpHeaders.ACCEPT_ENCODING, IDENTITY);
            Problems.write(request, response, json, Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported-media-type", "Unsupported Media Type", "Content-Encoding " + String.join(", ",
                            encodings) + " is not supported: the ledger takes request bodies uncompressed"));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Why Spring could not read the Accept header, parsed and ranked as its content negotiation does. */
    private static Optional<String> unparsable(List<String> accept) {
        try {
            MimeTypeUtils.sortBySpecificity(MediaType.parseMediaTypes(accept));
            return Optional.empty();
        } catch (InvalidMediaTypeException | InvalidMimeTypeException invalid) {
            return Optional.of(invalid.getMessage());
        }
    }
}
