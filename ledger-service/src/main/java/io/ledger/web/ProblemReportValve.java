package io.ledger.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
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
 * malformed request line) with a problem detail like every other error, instead of Tomcat's HTML page. The body
 * names no part of the request: Tomcat refused it before parsing it into anything the ledger could name.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String kind = Problems.kind(status);
        String detail = status == HttpStatus.BAD_REQUEST.value()
                ? "the request was refused before it reached the ledger: its path or request line is malformed "
                        + "(an encoded slash, a NUL or an invalid character in the path?)"
                : "the request was refused before it reached the ledger";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer body = response.getReporter();
            if (body != null) {
                body.write("{\"type\":\"urn:migration-ledger:problem:" + kind + "\",\"title\":\"" + title
                        + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException unwritable) {
            // The connection is gone or the response was committed meanwhile: there is no one left to tell.
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
