package io.ledger.web;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;

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
}
