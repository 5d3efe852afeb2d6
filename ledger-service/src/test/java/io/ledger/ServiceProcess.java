package io.ledger;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service started as a user starts it, in a process of its own, so that a test can kill it as an
 * operator's {@code kill -9} or an OOM killer would.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param settings command-line settings such as {@code --ledger.alerts.sinks[0].url=...}, as an operator passes them
     */
    public static ServiceProcess start(Path dataDir, String... settings) throws Exception {
        int port = freePort();
        TestTokens.forget(port);
        Path log = log(dataDir, port);
        ServiceProcess service = new ServiceProcess(command(port, dataDir, log, settings).start(), port, log);
        service.awaitReady(log);
        return service;
    }

    /**
     * Starts the service on {@code port} as {@link #start} does, for a start that should fail, and waits until it has
     * stopped.
     */
    public static Exit startFailing(int port, Path dataDir, String... settings) throws Exception {
        Path log = log(dataDir, port);
        try (ServiceProcess service = new ServiceProcess(command(port, dataDir, log, settings).start(), port, log)) {
            if (!service.process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the service still ran after " + STARTUP + ":\n"
                        + Files.readString(log));
            }
            return new Exit(service.process.exitValue(), Files.readString(log));
        }
    }

    /** How a service that was started with {@link #startFailing} ended: its exit code and what it printed. */
    public record Exit(int code, String output) {

        /**
         * Asserts that the service stopped at once: with exit code 1, with no other warning or error than Spring Boot's
         * failure analysis of {@code problem} and {@code action}, without a stack trace, and before it started Tomcat,
         * the connection pool or PostgreSQL (which all say so when they start).
         */
        public void assertStoppedAtOnce(String problem, String action) {
            assertThat(code).as(output).isEqualTo(1);
            assertThat(output.lines()).as(output).contains(problem, action);
            assertThat(output.lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")))
                    .as(output).singleElement().asString().contains("LoggingFailureAnalysisReporter");
            assertThat(output).doesNotContain("\tat ", "Tomcat", "HikariPool", "Embedded PostgreSQL");
        }
    }

    public int port() {
        return port;
    }

    /** What the service wrote to standard output and error. */
    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, no connection is closed, the embedded PostgreSQL is orphaned. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private void awaitReady(Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("the service was not ready within " + STARTUP + ":\n" + Files.readString(log));
    }

    private static ProcessBuilder command(int port, Path dataDir, Path log, String... settings) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                // As operations.md advises: a service out of heap stops rather than limping on.
                "-XX:+ExitOnOutOfMemoryError",
                "-jar", jar().toString(), "--server.port=" + port));
        command.addAll(List.of(settings));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LEDGER_DATA_DIR", dataDir.toString());
        // As an operator sets it; a setting among the arguments (--ledger.access.bootstrap-token=...) overrides it.
        builder.environment().put("LEDGER_BOOTSTRAP_TOKEN", TestTokens.BOOTSTRAP);
        return builder;
    }

    private static Path log(Path dataDir, int port) {
        return dataDir.resolveSibling(dataDir.getFileName() + "-" + port + ".log");
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().matches("ledger-service-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no packaged jar in target/; run the package phase first"));
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
