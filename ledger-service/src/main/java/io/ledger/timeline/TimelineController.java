package io.ledger.timeline;

import io.ledger.web.Problems;
import io.ledger.web.QueryParameters;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** The postmortem author's side: one migration's timeline (JSON or Markdown), and a database's events in a window. */
@RestController
@RequestMapping("/api/v1")
class TimelineController {

    static final MediaType MARKDOWN = MediaType.parseMediaType("text/markdown");
    private static final Set<String> PARAMETERS = Set.of("asOf", "gap");

    private final Timelines timelines;
    private final DatabaseTimelines databaseTimelines;
    private final TimelineSettings settings;

    TimelineController(Timelines timelines, DatabaseTimelines databaseTimelines, TimelineSettings settings) {
        this.timelines = timelines;
        this.databaseTimelines = databaseTimelines;
        this.settings = settings;
    }

    @GetMapping("/migrations/{id}/timeline")
    ResponseEntity<?> timeline(@PathVariable String id, @RequestParam MultiValueMap<String, String> parameters,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        QueryParameters query = new QueryParameters(parameters, PARAMETERS);
        Instant asOf = query.instant("asOf", false);
        Duration gap = gap(query);
        query.throwIfAny();
        return timelines.of(id, asOf, gap)
                .<ResponseEntity<?>>map(timeline -> wantsMarkdown(accept)
                        ? ResponseEntity.ok().contentType(new MediaType(MARKDOWN, StandardCharsets.UTF_8))
                                .body(PostmortemMarkdown.render(timeline))
                        : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(timeline))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.problem(HttpStatus.NOT_FOUND,
                        "migration-not-found", "Migration not found", asOf == null
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
            if (!gap.isNegative() && !gap.isZero()) {
                return gap;
            }
        } catch (DateTimeParseException malformed) {
            // answered below, with the same message as a non-positive duration
        }
        query.problem("gap", "not a positive ISO-8601 duration such as PT5M: '" + text + "'");
        return null;
    }

    private static boolean wantsMarkdown(String accept) {
        if (accept == null) {
            return false;
        }
        List<MediaType> accepted = new ArrayList<>(MediaType.parseMediaTypes(accept));
        accepted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        return accepted.stream().filter(type -> !type.isWildcardType() && !type.isWildcardSubtype())
                .findFirst().map(MARKDOWN::includes).orElse(false);
    }
}
