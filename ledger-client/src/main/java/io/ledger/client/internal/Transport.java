package io.ledger.client.internal;

import io.ledger.client.RetryPolicy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * HTTP to the ledger's {@code /api/v1}, and the client's only retry loop. Immutable and thread-safe.
 */
public final class Transport {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final HttpClient http;
    private final String apiRoot;
    private final String authorization;
    private final Duration requestTimeout;
    private final RetryPolicy policy;

    public Transport(URI baseUrl, String token, Duration connectTimeout, Duration requestTimeout, RetryPolicy policy) {
        this.http = HttpClient.newBuilder()
                // On plain http the JDK would otherwise offer an h2c upgrade with every first request, which some
                // proxies in front of the ledger mishandle; the ledger gains nothing from HTTP/2.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.apiRoot = baseUrl.toString().replaceAll("/+$", "") + "/api/v1";
        this.authorization = "Bearer " + token;
        this.requestTimeout = requestTimeout;
        this.policy = policy;
    }

    /**
     * Sends a request until the ledger gives an answer that retrying cannot change: anything but a connection
     * error, {@code 429} or {@code 5xx}. The request is built once, so every attempt sends the very same bytes; for
     * an event that means the same eventId, which the ledger records once however many attempts reach it.
     *
     * @param path unencoded path segments under {@code /api/v1}, such as {@code ["migrations", id, "events"]}
     * @param body the JSON to send, or null for a GET
     */
    public Reply exchange(String method, List<String> path, byte[] body) throws RetriesExhausted {
        return exchange(method, path, Map.of(), body);
    }

    /** As {@link #exchange(String, List, byte[])}, with query parameters, unencoded. */
    public Reply exchange(String method, List<String> path, Map<String, String> query, byte[] body)
            throws RetriesExhausted {
        HttpRequest request = request(method, path, query, body);
        Integer lastStatus = null;
        for (int attempt = 1; ; attempt++) {
            IOException failure = null;
            Duration retryAfter = null;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (!retryable(response.statusCode())) {
                    return new Reply(response.statusCode(), response.body(), response.headers()
                            .firstValue("Content-Type").map(type -> type.split(";")[0].strip().toLowerCase())
                            .orElse(null));
                }
                lastStatus = response.statusCode();
                retryAfter = retryAfter(response).orElse(null);
            } catch (IOException e) {
                lastStatus = null;
                failure = ConnectionFailure.described(e, request.uri(), requestTimeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetriesExhausted(attempt, lastStatus, e);
            }
            if (attempt >= policy.maxAttempts()) {
                throw new RetriesExhausted(attempt, lastStatus, failure);
            }
            try {
                Thread.sleep(Backoff.delay(policy, attempt, retryAfter).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetriesExhausted(attempt, lastStatus, e);
            }
        }
    }

    private HttpRequest request(String method, List<String> path, Map<String, String> query, byte[] body) {
        StringBuilder uri = new StringBuilder(apiRoot);
        path.forEach(segment -> uri.append('/').append(encode(segment)));
        String separator = "?";
        for (Map.Entry<String, String> parameter : new TreeMap<>(query).entrySet()) {
            uri.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = "&";
        }
        return HttpRequest.newBuilder(URI.create(uri.toString()))
                .timeout(requestTimeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json, application/problem+json")
                .header("Content-Type", "application/json")
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** A connection error is handled by the caller; these are the answers that a later attempt may improve. */
    private static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }

    /** Seconds only: the ledger never sends the HTTP-date form. */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.strip());
                return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
            } catch (NumberFormatException notSeconds) {
                return Optional.empty();
            }
        });
    }

    /**
     * Percent-encodes everything but RFC 3986's unreserved characters. {@code @}, {@code ;} and {@code +} are legal
     * in a path segment yet read specially by some servers and proxies (credentials, matrix parameters, spaces);
     * encoded, an id such as {@code orders-status-v42@staging} arrives as exactly one segment.
     */
    static String encode(String segment) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return encoded.toString();
    }
}
