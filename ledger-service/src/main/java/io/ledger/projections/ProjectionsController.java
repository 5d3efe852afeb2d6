package io.ledger.projections;

import io.ledger.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

@RestController
@RequestMapping(path = "/api/v1/admin/projections", produces = {APPLICATION_JSON_VALUE, APPLICATION_PROBLEM_JSON_VALUE})
class ProjectionsController {

    private final Projections projections;

    ProjectionsController(Projections projections) {
        this.projections = projections;
    }

    @GetMapping
    List<ProjectionStatus> all() {
        return projections.all();
    }

    @GetMapping("/{name}")
    ResponseEntity<?> one(@PathVariable String name) {
        return projections.one(name).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> unknown(name));
    }

    /** Accepted, not done: the read model rebuilds in the background; {@code GET} shows its progress. */
    @PostMapping("/{name}/replay")
    ResponseEntity<?> replay(@PathVariable String name) {
        return projections.replay(name).<ResponseEntity<?>>map(status -> ResponseEntity.accepted().body(status))
                .orElseGet(() -> unknown(name));
    }

    /** Done when answered: the read model has stopped and holds no token. */
    @PostMapping("/{name}/pause")
    ResponseEntity<?> pause(@PathVariable String name) {
        return projections.pause(name).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> unknown(name));
    }

    /** Accepted, not done: the read model catches up in the background; {@code GET} shows its lag. */
    @PostMapping("/{name}/resume")
    ResponseEntity<?> resume(@PathVariable String name) {
        return projections.resume(name).<ResponseEntity<?>>map(status -> ResponseEntity.accepted().body(status))
                .orElseGet(() -> unknown(name));
    }

    private ResponseEntity<?> unknown(String name) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.problem(HttpStatus.NOT_FOUND,
                "projection-not-found", "Projection not found", "no read model is called " + name
                        + "; known: " + projections.all().stream().map(ProjectionStatus::name).toList()));
    }
}
