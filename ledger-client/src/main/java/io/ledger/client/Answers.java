package io.ledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.client.internal.Reply;
import io.ledger.client.internal.Spool;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Which answers are the ledger's word on a request. A misconfigured URL or token, a proxy or a load balancer answers
 * too, and those answers say nothing about the request: they must neither count as recorded nor file the request as
 * refused, or a spool would be emptied without a single event reaching the ledger.
 */
final class Answers {

    private static final String PROBLEM_TYPES = "urn:migration-ledger:problem:";
    private static final String MIGRATION_NOT_FOUND = PROBLEM_TYPES + "migration-not-found";
    /** The ledger's refusals of the request itself: invalid, in conflict, too large. */
    private static final Set<Integer> REFUSALS = Set.of(400, 409, 413, 422);
    private static final int NOT_FOUND = 404;
    private static final int FORBIDDEN = 403;

    private Answers() {
    }

    /**
     * How a replayed request's answer counts: delivered, refused for good, or a reason to stop and keep it.
     *
     * @param tokenBound whether the request was spooled with the token that delivers it, whose roles and scope never
     *                   change: its {@code 403} is then the request's own (a migration out of scope) and final
     */
    static Spool.Outcome outcome(Spool.Entry entry, Reply reply, ObjectMapper json, boolean tokenBound) {
        if (reply.status() == 403 && tokenBound && refusal(reply, json)) {
            return new Spool.Outcome.Rejected(reply.status(), reply.body());
        }
        if (reply.status() == 401 || reply.status() == 403) {
            // The request may be fine and the token is not: keep it for a flush with one that works.
            String why = Problem.read(reply.body(), json).explanation();
            return new Spool.Outcome.Unavailable("the ledger refused the token (" + reply.status() + ")"
                    + (why == null ? "" : ": " + why));
        }
        if (reply.successful()) {
            return records(reply, entry.kind(), entry.migrationId(), json)
                    ? new Spool.Outcome.Delivered() : new Spool.Outcome.Unavailable(notTheLedgers(reply));
        }
        return refusal(reply, json) ? new Spool.Outcome.Rejected(reply.status(), reply.body())
                : new Spool.Outcome.Unavailable(notTheLedgers(reply));
    }

    /**
     * Why an answer to a posted request is not the ledger's word on it, or empty when it may be: a redirect, a
     * {@code 2xx} that is not the ledger's record of it (a proxy's page), a {@code 404} that is not the ledger's
     * unknown migration (a wrong URL). Other {@code 4xx} are taken as refusals, a proxy's {@code 413} among them,
     * which no retry would change.
     */
    static Optional<String> foreign(Reply reply, Spool.Kind kind, String migrationId, ObjectMapper json) {
        boolean foreign = reply.successful() ? !records(reply, kind, migrationId, json)
                : reply.status() < 400 || reply.status() == NOT_FOUND && !refusal(reply, json);
        return foreign ? Optional.of(notTheLedgers(reply)) : Optional.empty();
    }

    /**
     * Whether a {@code 2xx} is the ledger's record of the request: JSON naming the same migration, for a plan as its
     * {@code id}, for an event as the recorded event's {@code migrationId}. Not necessarily the same eventId: a
     * {@code completed} posted after the ledger completed the migration is answered with the ledger's own.
     */
    static boolean records(Reply reply, Spool.Kind kind, String migrationId, ObjectMapper json) {
        JsonNode answer = jsonOf(reply, "application/json", json);
        if (answer == null) {
            return false;
        }
        return kind == Spool.Kind.PLAN
                ? migrationId.equals(answer.path("id").asText(null))
                : migrationId.equals(answer.path("migrationId").asText(null)) && answer.path("event").has("eventId");
    }

    /** Whether a {@code 4xx} is the ledger's own refusal of the request, in its problem details. */
    private static boolean refusal(Reply reply, ObjectMapper json) {
        String type = problemType(reply, json);
        if (reply.status() == NOT_FOUND) {
            // Any path the ledger does not serve is 404 too; only an unknown migration is the request's fault.
            return MIGRATION_NOT_FOUND.equals(type);
        }
        return (REFUSALS.contains(reply.status()) || reply.status() == FORBIDDEN) && type != null;
    }

    /** The type of the ledger's problem details, or null for any other answer. */
    private static String problemType(Reply reply, ObjectMapper json) {
        JsonNode problem = jsonOf(reply, "application/problem+json", json);
        String type = problem == null ? null : problem.path("type").asText(null);
        return type != null && type.startsWith(PROBLEM_TYPES) ? type : null;
    }

    /** Why an answer is not the ledger's word on a request, for whoever reads why it was kept. */
    private static String notTheLedgers(Reply reply) {
        String what = reply.status() >= 300 && reply.status() < 400
                ? "a redirect" : "an answer that is not the ledger's";
        return "the URL answered " + reply.status() + (reply.contentType() == null ? "" : " " + reply.contentType())
                + ", " + what + ": is it the ledger's own URL?";
    }

    private static JsonNode jsonOf(Reply reply, String contentType, ObjectMapper json) {
        if (!contentType.equals(reply.contentType()) || reply.body() == null) {
            return null;
        }
        try {
            JsonNode node = json.readTree(reply.body());
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
