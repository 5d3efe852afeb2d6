package io.ledger.client.internal;

import org.junit.jupiter.api.Test;
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
        restarted.drain(entry -> {
            sent.add(new String(entry.body(), StandardCharsets.UTF_8));
            return new Spool.Outcome.Delivered();
        }, true);

        assertThat(sent).containsExactly("{\"n\":1}", "{\"n\":3}");
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

    private static Spool.Entry event(String migrationId, int n) {
        return new Spool.Entry(Spool.Kind.EVENT, migrationId, ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8));
    }
}
