package io.ledger.integrity;

import io.ledger.api.integrity.Checkpoint;
import io.ledger.api.integrity.CheckpointKey;
import io.ledger.api.integrity.Verification;
import io.ledger.web.InvalidRequestException;
import io.ledger.web.InvalidRequestException.FieldProblem;
import io.ledger.web.Problems;
import io.ledger.web.QueryParameters;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

/** Tamper evidence for auditors: verification of the ledger, and its signed checkpoints to keep elsewhere. */
@RestController
@RequestMapping(path = "/api/v1/ledger", produces = {APPLICATION_JSON_VALUE, APPLICATION_PROBLEM_JSON_VALUE})
class LedgerController {

    static final int MAX_LIMIT = 1000;
    private static final int DEFAULT_LIMIT = 100;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final LedgerVerifier verifier;
    private final Checkpoints checkpoints;
    private final CheckpointKeys keys;

    LedgerController(LedgerVerifier verifier, Checkpoints checkpoints, CheckpointKeys keys) {
        this.verifier = verifier;
        this.checkpoints = checkpoints;
        this.keys = keys;
    }

    /** The whole ledger, or one migration with {@code migrationId}. Broken evidence is a {@code 200} that says so. */
    @GetMapping("/verify")
    ResponseEntity<?> verify(@RequestParam MultiValueMap<String, String> parameters) {
        QueryParameters query = new QueryParameters(parameters, Set.of("migrationId"));
        query.throwIfAny();
        String migrationId = query.text("migrationId");
        if (migrationId == null) {
            return ResponseEntity.ok(verifier.verify((Checkpoint) null));
        }
        return verifier.verify(migrationId).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.problem(HttpStatus.NOT_FOUND,
                        "migration-not-found", "Migration not found", "the ledger holds no migration " + migrationId)));
    }

    /** The whole ledger, and a checkpoint the caller kept, which must still match the chain it signed. */
    @PostMapping(path = "/verify", consumes = APPLICATION_JSON_VALUE)
    Verification verify(@RequestBody Checkpoint stored) {
        List<FieldProblem> problems = new ArrayList<>();
        if (stored.events() < 1) {
            problems.add(new FieldProblem("events", "must be at least 1"));
        }
        if (stored.chainHash() == null || !HASH.matcher(stored.chainHash()).matches()) {
            problems.add(new FieldProblem("chainHash", "must be 64 lowercase hex digits"));
        }
        try {
            Base64.getDecoder().decode(stored.signature() == null ? "!" : stored.signature());
        } catch (IllegalArgumentException notBase64) {
            problems.add(new FieldProblem("signature", "must be base64"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return verifier.verify(stored);
    }

    /** Oldest first, after the checkpoint of {@code after} events; page on with the last one's {@code events}. */
    @GetMapping("/checkpoints")
    List<Checkpoint> checkpoints(@RequestParam MultiValueMap<String, String> parameters) {
        QueryParameters query = new QueryParameters(parameters, Set.of("after", "limit"));
        int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
        long after = after(query);
        query.throwIfAny();
        return checkpoints.after(after, limit);
    }

    private static long after(QueryParameters query) {
        String value = query.text("after");
        if (value == null) {
            return 0;
        }
        try {
            long after = Long.parseLong(value);
            if (after >= 0) {
                return after;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, with the same message as a negative number
        }
        query.problem("after", "must be the events count of a checkpoint, a whole number from 0");
        return 0;
    }

    @GetMapping("/checkpoints/latest")
    ResponseEntity<?> latestCheckpoint() {
        return checkpoints.latest().<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.problem(HttpStatus.NOT_FOUND,
                        "no-checkpoint", "No checkpoint yet", "the ledger has signed no checkpoint yet")));
    }

    @GetMapping("/public-key")
    CheckpointKey publicKey() {
        return keys.current();
    }
}
