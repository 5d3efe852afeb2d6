package io.ledger.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.Http11InputBuffer;
import org.apache.tomcat.util.res.StringManager;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Answers the errors Tomcat raises before a request reaches the ledger (an encoded slash or a NUL in the path, a
 * malformed request line or header, a request head too large) with a problem detail like every other error, instead
 * of Tomcat's HTML page. The body names no part of the request: Tomcat refused it before parsing it into anything
 * the ledger could name, and a malformed header may be the one that carries the token.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        Refusal refusal = status == HttpStatus.BAD_REQUEST.value()
                ? Refusal.of(throwable, !request.getCoyoteRequest().requestURI().isNull(), response.getMessage())
                : new Refusal(status, "");
        HttpStatus known = HttpStatus.resolve(refusal.status());
        String title = known == null ? "HTTP " + refusal.status() : known.getReasonPhrase();
        try {
            response.setStatus(refusal.status());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer body = response.getReporter();
            if (body != null) {
                body.write("{\"type\":\"urn:migration-ledger:problem:" + Problems.kind(refusal.status())
                        + "\",\"title\":\"" + title + "\",\"status\":" + refusal.status()
                        + ",\"detail\":\"the request was refused before it reached the ledger" + refusal.why() + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException unwritable) {
            // The connection is gone or the response was committed meanwhile: there is no one left to tell.
        }
    }

    /**
     * What Tomcat refused, as far as it says: it passes on what it could not parse in the request's head, and
     * whether it got as far as the request line; a header it parsed but found wrong (a Content-Length that is not
     * a number) it refuses with neither, as a path that does not decode; a path it refuses when mapping the request,
     * with a message.
     */
    record Refusal(int status, String why) {

        /** Tomcat's message, in the server's language, when the request's head does not fit its buffer. */
        private static final String TOO_LARGE = StringManager.getManager(Http11InputBuffer.class)
                .getString("iib.requestheadertoolarge.error");

        static Refusal of(Throwable unparsed, boolean requestLineRead, String message) {
            if (unparsed != null && TOO_LARGE.equals(unparsed.getMessage())) {
                return requestLineRead
                        ? new Refusal(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value(),
                                ": its headers are too large")
                        : new Refusal(HttpStatus.URI_TOO_LONG.value(),
                                ": its request line (the path and query) is too long");
            }
            if (unparsed != null) {
                return new Refusal(HttpStatus.BAD_REQUEST.value(), requestLineRead
                        ? ": a header is malformed (a control character in its value?)"
                        : ": its request line is malformed (an invalid character in the method, path or query?)");
            }
            // Tomcat says no more for a path whose percent-encoded bytes are not UTF-8 than for a bad header.
            return new Refusal(HttpStatus.BAD_REQUEST.value(), message == null
                    ? ": a header is malformed (a Content-Length that is negative, not a number or given twice?) "
                            + "or its path does not decode (percent-encoded bytes that are not UTF-8?)"
                    : ": its path is malformed (an encoded slash or a NUL?)");
        }
    }

    /** Installs the valve on Tomcat's host, in place of its HTML error report. */
    @Component
    static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
            });
        }
    }
}
