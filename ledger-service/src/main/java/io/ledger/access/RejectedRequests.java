package io.ledger.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.web.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;

/**
 * Answers what Spring Security's firewall refuses before authentication with a problem detail like every other
 * error, rather than Spring Boot's error page: a method no endpoint answers is a {@code 405} with {@code Allow}, a
 * path that is not normalised or holds an encoded character that could change its meaning ({@code %2E}, {@code %25},
 * {@code ;}, {@code //}) a {@code 400} that says which.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

    private static final String SPRINGS_PREFIX = "The request was rejected because ";

    private final ObjectMapper json;

    RejectedRequests(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        ProblemDetail problem;
        if (SecurityConfiguration.METHODS.contains(request.getMethod())) {
            problem = Problems.problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad Request",
                    "the request was refused before it reached the ledger: "
                            + rejected.getMessage().replace(SPRINGS_PREFIX, ""));
        } else {
            response.setHeader(HttpHeaders.ALLOW, String.join(", ", SecurityConfiguration.METHODS));
            problem = Problems.problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method Not Allowed",
                    "the ledger does not answer " + request.getMethod() + "; its endpoints answer "
                            + String.join(", ", SecurityConfiguration.METHODS));
        }
        // Tomcat refuses TRACE itself and forwards to the error page, where the firewall refuses it again.
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original) {
            problem.setInstance(URI.create(original));
        }
        Problems.write(request, response, json, problem);
    }
}
