package io.ledger.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.api.access.Role;
import io.ledger.web.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Every denied call, {@code 401} or {@code 403}, answered as a problem detail that says what is missing, logged
 * (who, what, why) and counted in {@code ledger.access.denied}.
 */
@Component
class DeniedResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** Why an access rule said no, when the rule knows better than "not allowed". */
    static final String REASON = DeniedResponses.class.getName() + ".reason";
    /** Who the log says was denied when no token was presented or none of the ledger's; no token may be named so. */
    static final String ANONYMOUS = "anonymous";
    private static final Logger LOG = LoggerFactory.getLogger(DeniedResponses.class);

    private final ObjectMapper json;
    private final MeterRegistry meters;

    DeniedResponses(ObjectMapper json, MeterRegistry meters) {
        this.json = json;
        this.meters = meters;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean presented = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        unauthenticated(request, response, presented ? failure.getMessage()
                : "this call needs the header 'Authorization: Bearer <token>'; an admin creates tokens with "
                        + "POST /api/v1/admin/tokens or 'ledger token create'", ANONYMOUS);
    }

    /** A {@code 401}: {@code who} is the token when the ledger knows it (expired, revoked), else anonymous. */
    void unauthenticated(HttpServletRequest request, HttpServletResponse response, String detail, String who)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, request.getHeader(HttpHeaders.AUTHORIZATION) != null
                ? "Bearer realm=\"migration-ledger\", error=\"invalid_token\""
                : "Bearer realm=\"migration-ledger\"");
        write(request, response, HttpStatus.UNAUTHORIZED, detail, who);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        Caller caller = Callers.current().orElse(null);
        if (caller != null && request.getAttribute(NoEndpoint.ATTRIBUTE) != null) {
            String path = request.getRequestURI();
            Problems.write(request, response, json, Problems.problem(HttpStatus.NOT_FOUND, "not-found", "Not Found",
                    "no endpoint answers " + request.getMethod() + " " + path + (path.endsWith("/") && path.length() > 1
                            ? " (paths end without a '/')" : "") + "; docs/api.md lists the endpoints"));
            return;
        }
        Object reason = request.getAttribute(REASON);
        String detail = reason != null ? reason.toString() : caller == null
                ? "this call is not allowed"
                : "token " + caller.name() + " has the roles " + StoredToken.sorted(caller.roles()).stream()
                        .map(Role::wireId).toList() + ", which do not allow " + request.getMethod() + " "
                        + request.getRequestURI() + "; docs/security.md lists what each role may do";
        write(request, response, HttpStatus.FORBIDDEN, detail, caller == null ? ANONYMOUS : "token " + caller.name());
    }

    ProblemDetail logged(HttpServletRequest request, HttpStatus status, String detail, String who) {
        LOG.warn("Denied {} {} {} to {} from {}: {}", status.value(), request.getMethod(), request.getRequestURI(),
                who, request.getRemoteAddr(), detail);
        meters.counter("ledger.access.denied", "status", String.valueOf(status.value())).increment();
        return Problems.problem(status, status == HttpStatus.UNAUTHORIZED ? "unauthenticated" : "forbidden",
                status == HttpStatus.UNAUTHORIZED ? "Unauthenticated" : "Forbidden", detail);
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail,
            String who) throws IOException {
        ProblemDetail problem = logged(request, status, detail, who);
        Problems.write(request, response, json, problem);
    }
}
