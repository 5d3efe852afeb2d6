package io.ledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ledger.client.internal.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scriptable ledger on 127.0.0.1: it answers with the scripted answers in order, then records every posted event
 * as new (and reads every migration's events as none), and remembers every request it received.
 */
final class StubLedger implements AutoCloseable {

    static final String TOKEN = "mlg_stub-token";

    record Received(String method, String rawPath, String authorization, String body, long atNanos) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private interface Answer {
        void send(HttpExchange exchange) throws IOException;
    }

    private static final ObjectMapper JSON = Json.newMapper();

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    private StubLedger() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // One thread per request, so that a stalled answer does not hold up the client's retry behind it.
        server.setExecutor(handlers);
        server.start();
    }

    static StubLedger start() {
        try {
            return new StubLedger();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A client of this stub with tiny backoffs, so that retries cost the tests nothing. */
    LedgerClient.Builder client() {
        return LedgerClient.builder()
                .baseUrl(baseUrl())
                .token(TOKEN)
                .retryPolicy(new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5), 2.0));
    }

    StubLedger answer(int status, String body, String... headerNamesAndValues) {
        script.add(exchange -> {
            for (int i = 0; i < headerNamesAndValues.length; i += 2) {
                exchange.getResponseHeaders().add(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
            }
            send(exchange, status, status >= 400 ? "application/problem+json" : "application/json", body);
        });
        return this;
    }

    /** Answers as something in front of the ledger might: a proxy's page, a load balancer's redirect. */
    StubLedger answerAs(int status, String contentType, String body, String... headerNamesAndValues) {
        script.add(exchange -> {
            for (int i = 0; i < headerNamesAndValues.length; i += 2) {
                exchange.getResponseHeaders().add(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
            }
            send(exchange, status, contentType, body);
        });
        return this;
    }

    /** Closes the connection without answering, as a crashing ledger or a cut network does. */
    StubLedger dropConnection() {
        script.add(HttpExchange::close);
        return this;
    }

    /** Answers only after the client has given up waiting, as an overloaded ledger does. */
    StubLedger stall(Duration longerThanTheClientWaits) {
        script.add(exchange -> {
            try {
                Thread.sleep(longerThanTheClientWaits.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received lastReceived() {
        return received.get(received.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(
                exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestHeaders().getFirst("Authorization"), body, System.nanoTime()));
        Answer answer = script.poll();
        if (answer != null) {
            answer.send(exchange);
        } else if (exchange.getRequestMethod().equals("POST")
                && exchange.getRequestURI().getPath().endsWith("/events")) {
            record(exchange, body);
        } else if (exchange.getRequestMethod().equals("GET")
                && exchange.getRequestURI().getPath().endsWith("/events")) {
            send(exchange, 200, "application/json", "[]");
        } else {
            send(exchange, 500, "text/plain", "nothing scripted");
        }
    }

    private void record(HttpExchange exchange, String event) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String migrationId = path.substring("/api/v1/migrations/".length(), path.length() - "/events".length());
        long next = sequence.incrementAndGet();
        send(exchange, 201, "application/json", """
                {"migrationId": %s, "sequence": %d, "position": %d, "recordedAt": "2026-05-12T02:04:52Z", "event": %s}
                """.formatted(JSON.writeValueAsString(migrationId), next, 1000 + next, event));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
