package io.ledger.client.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpoolTest {

    @TempDir
    Path directory;

    @Test
    void deliversInTheOrderAppendedAndEmptiesTheLog() throws IOException {
        Spool spool = new Spool(directory, 1 << 20);
        spool.append(event("m1", 1));
        spool.append(event("m2", 2));
        spool.append(event("m1", 3));
        List<String> sent = new ArrayList<>();

        Spool.Drained drained = spool.drain(entry -> {
            sent.add(entry.migrationId() + ":" + new String(entry.body(), StandardCharsets.UTF_8));
            return new Spool.Outcome.Delivered();
        }, true);

        assertThat(sent).containsExactly("m1:{\"n\":1}", "m2:{\"n\":2}", "m1:{\"n\":3}");
        assertThat(drained.delivered()).isEqualTo(3);
        assertThat(drained.pending()).isZero();
        assertThat(Files.size(directory.resolve("spool.log"))).isZero();
        assertThat(spool.mayHoldAnything()).isFalse();
    }

    @Test
    void stopsAtTheFirstUnavailableAndKeepsItAndEverythingBehindIt() {
        Spool spool = new Spool(directory, 1 << 20);
        spool.append(event("m1", 1));
        spool.append(event("m1", 2));
        spool.append(event("m2", 3));
        int[] calls = {0};

        Spool.Drained drained = spool.drain(entry -> ++calls[0] == 2
                ? new Spool.Outcome.Unavailable("connection refused") : new Spool.Outcome.Delivered(), true);

        assertThat(drained.delivered()).isEqualTo(1);
        assertThat(drained.pending()).isEqualTo(2);
        assertThat(drained.stopped()).isEqualTo("connection refused");
        assertThat(spool.holds("m1")).isTrue();
        assertThat(spool.holds("m2")).isTrue();
        List<String> later = new ArrayList<>();
        new Spool(directory, 1 << 20).drain(entry -> {
            later.add(new String(entry.body(), StandardCharsets.UTF_8));
            return new Spool.Outcome.Delivered();
        }, true);
        assertThat(later).containsExactly("{\"n\":2}", "{\"n\":3}");
    }

    @Test
    void aRefusedRecordIsFiledAsRejectedAndTheNextIsDelivered() throws IOException {
        Spool spool = new Spool(directory, 1 << 20);
        spool.append(event("m1", 1));
        spool.append(event("m1", 2));

        Spool.Drained drained = spool.drain(entry -> new String(entry.body(), StandardCharsets.UTF_8).contains("1")
                ? new Spool.Outcome.Rejected(409, "{\"title\":\"Gate refused\"}") : new Spool.Outcome.Delivered(), true);

        assertThat(drained.delivered()).isEqualTo(1);
        assertThat(drained.rejected()).singleElement().satisfies(refused -> assertThat(refused.status()).isEqualTo(409));
        assertThat(Files.readString(directory.resolve("rejected.log")))
                .contains("\"status\":409").contains("Gate refused").contains("\"n\":1");
    }

    @Test
    void aTornLastLineIsCutOffAndTheNextAppendIsReadable() throws IOException {
        Spool spool = new Spool(directory, 1 << 20);
        spool.append(event("m1", 1));
        byte[] whole = Spool.encode(event("m1", 2));
        Files.write(directory.resolve("spool.log"), java.util.Arrays.copyOf(whole, whole.length / 2),
                StandardOpenOption.APPEND);

        Spool restarted = new Spool(directory, 1 << 20);
        restarted.append(event("m1", 3));
        List<String> sent = new ArrayList<>();
        deliverAll(restarted, sent);

        assertThat(sent).containsExactly("{\"n\":1}", "{\"n\":3}");
    }

    @Test
    void aWholeLastRecordThatLostOnlyItsLineEndIsKeptAndDeliveredBeforeTheNextAppend() throws IOException {
        Spool spool = new Spool(directory, 1 << 20);
        spool.append(event("m1", 1));
        spool.append(event("m1", 2));
        Path log = directory.resolve("spool.log");
        byte[] written = Files.readAllBytes(log);
        Files.write(log, java.util.Arrays.copyOf(written, written.length - 1));

        Spool restarted = new Spool(directory, 1 << 20);
        restarted.append(event("m1", 3));
        List<String> sent = new ArrayList<>();
        Spool.Drained drained = deliverAll(restarted, sent);

        assertThat(sent).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        assertThat(drained.damaged()).isZero();
    }

    @Test
    @Timeout(30)
    void aSpoolThatIndexedALogTruncatedSinceReadsTheNewLogFromItsStart() {
        Spool runnerB = new Spool(directory, 1 << 20);
        runnerB.append(event("b", 1, 300));
        runnerB.append(event("b", 2, 300));
        assertThat(runnerB.holds("b")).isTrue();
        new Spool(directory, 1 << 20).drain(entry -> new Spool.Outcome.Delivered(), true);
        // Another runner's appends make the new log longer than the one runnerB indexed.
        Spool runnerC = new Spool(directory, 1 << 20);
        for (int n = 1; n <= 4; n++) {
            runnerC.append(event("c", n, 100 + 7 * n));
        }
        List<String> sent = new ArrayList<>();

        Spool.Drained drained = runnerB.drain(entry -> {
            sent.add(entry.migrationId());
            return new Spool.Outcome.Delivered();
        }, true);

        assertThat(sent).containsExactly("c", "c", "c", "c");
        assertThat(drained.rejected()).isEmpty();
        assertThat(drained.damaged()).isZero();
        assertThat(runnerB.holds("b")).isFalse();
    }

    @Test
    void aDamagedRecordIsKeptInDamagedLogAndCountedAndTheOthersDelivered() throws IOException {
        Spool spool = new Spool(directory, 1 << 20);
        spool.append(event("m1", 1));
        spool.append(event("m1", 2));
        spool.append(event("m1", 3));
        byte[] log = Files.readAllBytes(directory.resolve("spool.log"));
        int second = Spool.encode(event("m1", 1)).length;
        int digit = second + new String(Spool.encode(event("m1", 2)), StandardCharsets.UTF_8).indexOf("\"n\":2") + 4;
        log[digit] = '7';
        Files.write(directory.resolve("spool.log"), log);
        byte[] damaged = java.util.Arrays.copyOfRange(log, second, second + Spool.encode(event("m1", 2)).length);
        List<String> sent = new ArrayList<>();

        // As `ledger flush` would: a process that reads the log for the first time.
        Spool.Drained drained = deliverAll(new Spool(directory, 1 << 20), sent);

        assertThat(sent).containsExactly("{\"n\":1}", "{\"n\":3}");
        assertThat(drained.damaged()).isEqualTo(1);
        assertThat(drained.pending()).isZero();
        assertThat(Files.readAllBytes(directory.resolve("damaged.log"))).isEqualTo(damaged);
    }

    @Test
    void aRecordWhoseChecksumDoesNotMatchIsNotDelivered() {
        byte[] line = Spool.encode(event("m1", 1));
        line[line.length - 3] = '7';

        assertThat(Spool.decode(line)).isNull();
        assertThat(Spool.decode(Spool.encode(event("m1", 1)))).isNotNull();
    }

    @Test
    void aRecordKeepsTheRequestsVeryBytes() {
        String body = "{\"x\": 1.50, \"note\": \"a,\\\"body\\\":b\"}";
        Spool.Entry entry = new Spool.Entry(Spool.Kind.PLAN, "m,\"body\":1", body.getBytes(StandardCharsets.UTF_8));

        Spool.Entry decoded = Spool.decode(Spool.encode(entry));

        assertThat(new String(decoded.body(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(decoded.migrationId()).isEqualTo("m,\"body\":1");
        assertThat(decoded.kind()).isEqualTo(Spool.Kind.PLAN);
    }

    @Test
    void refusesAnAppendBeyondItsCapacity() {
        long oneRecord = Spool.encode(event("m1", 1)).length;
        Spool spool = new Spool(directory, 2 * oneRecord);

        assertThat(spool.append(event("m1", 1))).isTrue();
        assertThat(spool.append(event("m1", 2))).isTrue();
        assertThat(spool.append(event("m1", 3))).isFalse();
    }

    private static Spool.Entry event(String migrationId, int n, int padding) {
        return new Spool.Entry(Spool.Kind.EVENT, migrationId,
                ("{\"n\":" + n + ",\"pad\":\"" + "x".repeat(padding) + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static Spool.Entry event(String migrationId, int n) {
        return new Spool.Entry(Spool.Kind.EVENT, migrationId, ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** Drains {@code spool} as a ledger that records everything would, adding each body sent to {@code sent}. */
    private static Spool.Drained deliverAll(Spool spool, List<String> sent) {
        return spool.drain(entry -> {
            sent.add(new String(entry.body(), StandardCharsets.UTF_8));
            return new Spool.Outcome.Delivered();
        }, true);
    }
}
