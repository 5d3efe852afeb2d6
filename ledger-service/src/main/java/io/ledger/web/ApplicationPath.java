package io.ledger.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;

import java.util.List;

/**
 * A request's path as Spring Security and Spring MVC match it: each segment percent-decoded and without its
 * {@code ;parameters}. A filter that decided by the raw URI would see {@code /%61pi/v1/history} as something else
 * than the {@code /api/v1/history} the controllers answer it as, and let the request past a rule meant for it.
 */
public final class ApplicationPath {

    private ApplicationPath() {
    }

    /** The decoded segments, without the empty ones a leading or trailing slash makes. */
    public static List<String> segments(HttpServletRequest request) {
        return RequestPath.parse(request.getRequestURI(), request.getContextPath()).pathWithinApplication().elements()
                .stream()
                .filter(PathContainer.PathSegment.class::isInstance)
                .map(segment -> ((PathContainer.PathSegment) segment).valueToMatch())
                .filter(segment -> !segment.isEmpty())
                .toList();
    }

    /** The decoded path, {@code /} and the segments joined by {@code /}. */
    public static String of(HttpServletRequest request) {
        return "/" + String.join("/", segments(request));
    }
}
