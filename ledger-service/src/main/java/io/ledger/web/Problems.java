package io.ledger.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/** RFC 9457 problem details with a stable, machine-readable {@code type} for each kind of problem. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail problem(HttpStatusCode status, String kind, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(kind));
        problem.setTitle(title);
        return problem;
    }

    static URI type(String kind) {
        return URI.create("urn:migration-ledger:problem:" + kind);
    }

    /**
     * Writes the problem as the whole response, for the filters that answer before Spring MVC would; like Spring's
     * own, it names the request's path as its {@code instance}.
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, ObjectMapper json,
            ProblemDetail problem) throws IOException {
        if (problem.getInstance() == null) {
            try {
                problem.setInstance(URI.create(request.getRequestURI()));
            } catch (IllegalArgumentException notAUri) {
                // Raw bytes 0x80-0x9F in a path reach here as control characters, which a URI refuses.
            }
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** The kind of a problem that has only its status to go by: {@code unsupported-media-type} for 415. */
    static String kind(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "http-" + status : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
