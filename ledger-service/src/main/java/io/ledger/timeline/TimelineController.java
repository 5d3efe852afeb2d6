package io.ledger.timeline;

import io.ledger.web.Problems;
import io.ledger.web.QueryParameters;
import io.ledger.web.Representations;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

/** The postmortem author's side: one migration's timeline (JSON or Markdown), and a database's events in a window. */
@RestController
@RequestMapping(path = "/api/v1", produces = {APPLICATION_JSON_VALUE, APPLICATION_PROBLEM_JSON_VALUE})
class TimelineController {

    static final MediaType MARKDOWN = MediaType.TEXT_MARKDOWN;
    private static final Set<String> PARAMETERS = Set.of("asOf", "gap");
    /** Pauses are compared in milliseconds, which a gap of billions of hours would overflow. */
    private static final Duration MAX_GAP = Duration.ofDays(365);

    private final Timelines timelines;
    private final DatabaseTimelines databaseTimelines;
    private final TimelineSettings settings;

    TimelineController(Timelines timelines, DatabaseTimelines databaseTimelines, TimelineSettings settings) {
        this.timelines = timelines;
        this.databaseTimelines = databaseTimelines;
        this.settings = settings;
    }

    @GetMapping(path = "/migrations/{id}/timeline",
            produces = {APPLICATION_JSON_VALUE, APPLICATION_PROBLEM_JSON_VALUE, MediaType.TEXT_MARKDOWN_VALUE})
    ResponseEntity<?> timeline(@PathVariable String id, @RequestParam MultiValueMap<String, String> parameters,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        QueryParameters query = new QueryParameters(parameters, PARAMETERS);
        Instant asOf = query.instant("asOf", false);
        Duration gap = gap(query);
        query.throwIfAny();
        return timelines.of(id, asOf, gap)
                .<ResponseEntity<?>>map(timeline -> MARKDOWN.equals(
                        Representations.preferred(accept, MediaType.APPLICATION_JSON, MARKDOWN))
                        ? ResponseEntity.ok().contentType(new MediaType(MARKDOWN, StandardCharsets.UTF_8))
                                .body(PostmortemMarkdown.render(timeline))
                        : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(timeline))
                // Typed here: Spring would pick Markdown, which cannot carry a problem, for a client that asked for it.
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(Problems.problem(HttpStatus.NOT_FOUND, "migration-not-found", "Migration not found",
                                asOf == null
                                        ? "no migration " + id + " is planned"
                                        : "migration " + id + " was not planned as of " + asOf)));
    }

    @GetMapping("/timeline")
    DatabaseTimeline databaseTimeline(@RequestParam MultiValueMap<String, String> parameters) {
        return databaseTimelines.page(DatabaseTimelineQuery.parse(parameters, settings));
    }

    private Duration gap(QueryParameters query) {
        String text = query.text("gap");
        if (text == null) {
            return settings.gapThreshold();
        }
        try {
            Duration gap = Duration.parse(text);
            if (!gap.isNegative() && !gap.isZero() && gap.compareTo(MAX_GAP) <= 0) {
                return gap;
            }
        } catch (DateTimeParseException malformed) {
            // answered below, with the same message as a duration out of range
        }
        query.problem("gap", "not a positive ISO-8601 duration of at most " + MAX_GAP.toDays() + " days ("
                + MAX_GAP + ") such as PT5M: '" + text + "'");
        return null;
    }
}
