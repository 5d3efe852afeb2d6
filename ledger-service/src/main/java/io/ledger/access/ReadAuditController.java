package io.ledger.access;

import io.ledger.api.access.ReadRecord;
import io.ledger.web.QueryParameters;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

/** {@code GET /api/v1/admin/reads}: the auditors' reads, newest first, for admins. */
@RestController
@RequestMapping(produces = {APPLICATION_JSON_VALUE, APPLICATION_PROBLEM_JSON_VALUE})
class ReadAuditController {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final ReadAudit audit;

    ReadAuditController(ReadAudit audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/admin/reads")
    Page reads(@RequestParam MultiValueMap<String, String> parameters) {
        QueryParameters query = new QueryParameters(parameters, Set.of("token", "from", "to", "cursor", "limit"));
        String token = query.text("token");
        Instant from = query.instant("from", false);
        Instant to = query.instant("to", false);
        if (from != null && to != null && from.isAfter(to)) {
            query.problem("to", "must not be before from");
        }
        Long before = query.cursor(ReadAuditController::readId);
        int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
        query.throwIfAny();
        List<ReadRecord> reads = audit.search(token, from, to, before, limit);
        String next = reads.size() < limit ? null : String.valueOf(reads.get(reads.size() - 1).id());
        return new Page(reads, next);
    }

    /** A cursor is the id of the last read of a page: ids count from 1. */
    private static Long readId(String cursor) {
        long id = Long.parseLong(cursor);
        if (id < 1) {
            throw new IllegalArgumentException("not a read's id");
        }
        return id;
    }

    /** One page; {@code nextCursor} asks for the next, older one. */
    record Page(List<ReadRecord> reads, String nextCursor) {
    }
}
