package io.ledger.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.web.InvalidRequestException.FieldProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses a query parameter whose text the ledger cannot store or compare ({@link StorableText}) with {@code 400},
 * in one place for every endpoint: {@code ?q=%00} would otherwise reach PostgreSQL, which refuses it with an error
 * that only a {@code 500} could report.
 */
@Component
class QueryTextFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    QueryTextFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<FieldProblem> problems = problems(request.getQueryString());
        if (problems.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Problems.write(request, response, json, new InvalidRequestException(problems).problem());
    }

    static List<FieldProblem> problems(String query) {
        List<FieldProblem> problems = new ArrayList<>();
        if (query == null) {
            return problems;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            Optional<String> name = decoded(equals < 0 ? pair : pair.substring(0, equals));
            Optional<String> value = equals < 0 ? Optional.of("") : decoded(pair.substring(equals + 1));
            String field = name.filter(text -> StorableText.problem(text).isEmpty()).orElse("query");
            name.flatMap(StorableText::problem).or(() -> value.flatMap(StorableText::problem))
                    .ifPresent(problem -> problems.add(new FieldProblem(field, problem)));
        }
        return problems;
    }

    /** Empty for text Tomcat could not decode either: it leaves such a parameter out rather than passing it on. */
    private static Optional<String> decoded(String text) {
        try {
            return Optional.of(URLDecoder.decode(text, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
