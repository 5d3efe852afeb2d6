package io.ledger.client.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import java.util.zip.CRC32;

/**
 * A durable, bounded, append-only queue of requests the ledger has not acknowledged, in one directory that several
 * processes may share.
 *
 * <p>Files: {@code spool.log} holds one record a line, {@code LENGTH CRC32 PAYLOAD\n}, where the payload is the
 * record's JSON ({@code kind}, {@code migrationId}, {@code body}: the request's exact bytes, so a replay keeps its
 * eventId); the length and checksum let a torn last line, left by a crash in mid-append, be recognised and cut off
 * before the next append. {@code spool.acked} holds the byte offset up to which records are settled (delivered or
 * rejected), and the log's generation; it is replaced atomically. {@code rejected.log} gets one JSON line per record
 * the ledger refused on replay, {@code damaged.log} the raw bytes of each complete record whose length or checksum
 * does not match. When every record is settled, {@code spool.log} is truncated and the offset reset with the next
 * generation (in that order: an offset beyond the file's end means "all settled" after a crash between the two).
 * Every process keeps an index of byte offsets; the generation tells it that the log it indexed was truncated, even
 * when other appends have since made the new log longer than the old.
 *
 * <p>Two locks, each a file lock behind an in-JVM lock (file locks are per process): {@code spool.lock} for the short
 * appends and index refreshes, {@code flush.lock} held by the one flusher that delivers, so that two processes do not
 * deliver the same records. Correctness does not rest on the locks: a record delivered twice is recorded once.
 */
public final class Spool {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = Json.newMapper();
    private static final Logger LOG = Logger.getLogger(Spool.class.getName());
    private static final byte[] BODY_FIELD = ",\"body\":".getBytes(StandardCharsets.UTF_8);
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    /** Settled offsets are written every this many deliveries: a crash re-delivers at most these, harmlessly. */
    private static final int ACK_EVERY = 64;

    /** What a spooled request was. */
    public enum Kind { PLAN, EVENT }

    /** One spooled request: what to send again, byte for byte. */
    public record Entry(Kind kind, String migrationId, byte[] body) {
    }

    /** How one replay ended. */
    public sealed interface Outcome {
        record Delivered() implements Outcome { }
        record Rejected(int status, String problem) implements Outcome { }
        /** @param reason what the ledger or the network said, for whoever reads why a flush stopped */
        record Unavailable(String reason) implements Outcome {
            public Unavailable {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /** Sends one entry once to the ledger. */
    @FunctionalInterface
    public interface Deliverer {
        Outcome deliver(Entry entry);
    }

    /** A record the ledger refused on replay, with its answer. */
    public record Refused(Entry entry, int status, String problem) {
    }

    /**
     * What one drain did; {@code stopped} says why records remain (null when none do or nothing was tried), and
     * {@code busy} is set when another flusher held the spool and nothing was tried.
     */
    public record Drained(int delivered, List<Refused> rejected, int damaged, int pending, String stopped,
            boolean busy) {

        static Drained busyElsewhere() {
            return new Drained(0, List.of(), 0, -1, null, true);
        }
    }

    /** @param migrationId null for a damaged record, which belongs to no migration we can know */
    private record Indexed(long offset, long end, String migrationId) {
    }

    /** What {@code spool.acked} holds: records before {@code offset} are settled in the log of this generation. */
    private record Acked(long offset, long generation) {
    }

    private final Path directory;
    private final long capacityBytes;
    private final Path log;
    private final Path acked;
    private final Path rejected;
    private final Path damaged;
    private final ReentrantLock appendLock;
    private final ReentrantLock flushLock;

    // The index of unsettled records, guarded by appendLock; rebuilt when the settled offset moves back or the
    // generation changes.
    private long indexedGeneration = -1;
    private long indexedAcked = -1;
    private long indexedTo;
    private final java.util.ArrayDeque<Indexed> index = new java.util.ArrayDeque<>();
    private final Map<String, Integer> pendingByMigration = new HashMap<>();

    public Spool(Path directory, long capacityBytes) {
        try {
            this.directory = Files.createDirectories(directory).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the spool directory " + directory, e);
        }
        this.capacityBytes = capacityBytes;
        this.log = this.directory.resolve("spool.log");
        this.acked = this.directory.resolve("spool.acked");
        this.rejected = this.directory.resolve("rejected.log");
        this.damaged = this.directory.resolve("damaged.log");
        this.appendLock = JVM_LOCKS.computeIfAbsent(this.directory.resolve("spool.lock"), path -> new ReentrantLock());
        this.flushLock = JVM_LOCKS.computeIfAbsent(this.directory.resolve("flush.lock"), path -> new ReentrantLock());
    }

    public Path directory() {
        return directory;
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    /** A cheap check without locks: an empty or missing log holds nothing, as after every full drain. */
    public boolean mayHoldAnything() {
        try {
            return Files.size(log) > 0;
        } catch (IOException missing) {
            return false;
        }
    }

    /** Whether unsettled records of this migration wait in the spool, so that its next request must go behind them. */
    public boolean holds(String migrationId) {
        if (!mayHoldAnything()) {
            return false;
        }
        return underAppendLock(() -> {
            refresh();
            return pendingByMigration.containsKey(migrationId);
        });
    }

    /** How many unsettled records wait in the spool. */
    public int pending() {
        if (!mayHoldAnything()) {
            return 0;
        }
        return underAppendLock(() -> {
            refresh();
            return index.size();
        });
    }

    /**
     * Appends one request and forces it to disk before returning.
     *
     * @return false when the spool is full and nothing was written
     */
    public boolean append(Entry entry) {
        byte[] line = encode(entry);
        return underAppendLock(() -> {
            refresh();
            long size = size(log);
            if (size + line.length > capacityBytes) {
                return false;
            }
            boolean created = !Files.exists(log);
            try (FileChannel channel = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                writeFully(channel, ByteBuffer.wrap(line));
                // fdatasync is enough: it also makes the new length durable, which reading the data back needs.
                channel.force(false);
            }
            if (created) {
                forceDirectory();
            }
            return true;
        });
    }

    /**
     * Delivers unsettled records in order until the spool is empty or one finds the ledger unavailable. A refused
     * record goes to {@code rejected.log} and the drain carries on with the next.
     *
     * @param wait whether to wait for another flusher to finish rather than return {@code busy}
     */
    public Drained drain(Deliverer deliverer, boolean wait) {
        boolean locked = false;
        try (FileChannel lockFile = FileChannel.open(directory.resolve("flush.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            if (wait) {
                flushLock.lockInterruptibly();
            } else if (!flushLock.tryLock()) {
                return Drained.busyElsewhere();
            }
            locked = true;
            FileLock fileLock = wait ? lockFile.lock() : lockFile.tryLock();
            if (fileLock == null) {
                return Drained.busyElsewhere();
            }
            try {
                return drainLocked(deliverer);
            } finally {
                fileLock.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the spool " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Drained.busyElsewhere();
        } finally {
            if (locked) {
                flushLock.unlock();
            }
        }
    }

    private Drained drainLocked(Deliverer deliverer) throws IOException {
        int delivered = 0;
        int damagedRecords = 0;
        List<Refused> refused = new ArrayList<>();
        String stopped = null;
        while (stopped == null) {
            long[] generation = new long[1];
            List<Indexed> todo = underAppendLock(() -> {
                refresh();
                generation[0] = indexedGeneration;
                return List.copyOf(index);
            });
            if (todo.isEmpty()) {
                break;
            }
            long settledTo = -1;
            int unwritten = 0;
            for (Indexed record : todo) {
                byte[] line = read(record.offset(), record.end());
                Entry entry = decode(line);
                if (entry == null) {
                    writeDamaged(line, record);
                    damagedRecords++;
                    settledTo = record.end();
                    // Settle at once, so that a crash does not file the same record twice.
                    settle(settledTo, generation[0]);
                    unwritten = 0;
                    continue;
                }
                Outcome outcome = deliverer.deliver(entry);
                if (outcome instanceof Outcome.Unavailable unavailable) {
                    stopped = unavailable.reason();
                    break;
                }
                settledTo = record.end();
                if (outcome instanceof Outcome.Rejected rejection) {
                    Refused refusal = new Refused(entry, rejection.status(), rejection.problem());
                    writeRejected(refusal, record);
                    refused.add(refusal);
                    settle(settledTo, generation[0]);
                    unwritten = 0;
                } else {
                    delivered++;
                    if (++unwritten >= ACK_EVERY) {
                        settle(settledTo, generation[0]);
                        unwritten = 0;
                    }
                }
            }
            if (settledTo >= 0) {
                settle(settledTo, generation[0]);
            }
        }
        int pending = underAppendLock(() -> {
            refresh();
            if (index.isEmpty() && indexedTo > 0) {
                // Everything settled: start the log afresh so that the capacity is free again.
                try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
                    channel.truncate(0);
                    channel.force(true);
                }
                writeAcked(new Acked(0, indexedGeneration + 1));
                indexedAcked = -1;
            }
            return index.size();
        });
        return new Drained(delivered, List.copyOf(refused), damagedRecords, pending,
                pending == 0 ? null : stopped, false);
    }

    /** Only in the log the records were read from: offsets into a log truncated since mean nothing. */
    private void settle(long offset, long generation) {
        underAppendLock(() -> {
            if (readAcked().generation() == generation) {
                writeAcked(new Acked(offset, generation));
            }
            return null;
        });
    }

    /** Brings the index of unsettled records up to date with the files; under the append lock. */
    private void refresh() throws IOException {
        long size = size(log);
        Acked acked = readAcked();
        if (acked.offset() > size) {
            // A crash came between truncating the log and resetting the offset: all was settled.
            acked = new Acked(0, acked.generation() + 1);
            writeAcked(acked);
        }
        long settled = acked.offset();
        boolean sameLog = acked.generation() == indexedGeneration && indexedAcked >= 0 && size >= indexedTo;
        if (sameLog && settled > indexedAcked && settled <= indexedTo) {
            // Records were settled since the last look: drop them from the front rather than read everything again.
            while (!index.isEmpty() && index.peekFirst().end() <= settled) {
                String migrationId = index.removeFirst().migrationId();
                if (migrationId != null) {
                    pendingByMigration.computeIfPresent(migrationId, (id, n) -> n == 1 ? null : n - 1);
                }
            }
            indexedAcked = settled;
        }
        if (!sameLog || settled != indexedAcked) {
            index.clear();
            pendingByMigration.clear();
            indexedGeneration = acked.generation();
            indexedAcked = settled;
            indexedTo = settled;
        }
        if (size <= indexedTo) {
            return;
        }
        byte[] bytes = read(indexedTo, size);
        int start = 0;
        while (start < bytes.length) {
            int newline = indexOf(bytes, (byte) '\n', start);
            if (newline < 0 && decode(lineOf(bytes, start)) != null) {
                // A whole record that lost only its line end: its length and checksum hold, so it is kept.
                LOG.warning(() -> "ending the last record of " + log + ", which had lost its line end");
                try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                    channel.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}));
                    channel.force(true);
                }
                bytes = lineOf(bytes, 0);
                newline = bytes.length - 1;
            }
            if (newline < 0) {
                // A torn last line from a crash in mid-append: cut it off, or the next append would be glued to it.
                long torn = indexedTo + start;
                LOG.warning(() -> "cutting a torn record of " + (size - torn) + " bytes off the end of " + log);
                try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
                    channel.truncate(torn);
                    channel.force(true);
                }
                break;
            }
            long offset = indexedTo + start;
            long end = indexedTo + newline + 1;
            Entry entry = decode(java.util.Arrays.copyOfRange(bytes, start, newline + 1));
            if (entry == null) {
                // Kept in the index, so that the next drain files its bytes in damaged.log and counts it.
                LOG.warning(() -> "a damaged record at byte " + offset + " of " + log);
                index.add(new Indexed(offset, end, null));
            } else {
                index.add(new Indexed(offset, end, entry.migrationId()));
                pendingByMigration.merge(entry.migrationId(), 1, Integer::sum);
            }
            start = newline + 1;
        }
        indexedTo += start;
    }

    /** The bytes from {@code start} to the end, with a line end. */
    private static byte[] lineOf(byte[] bytes, int start) {
        byte[] line = java.util.Arrays.copyOfRange(bytes, start, bytes.length + 1);
        line[line.length - 1] = '\n';
        return line;
    }

    static byte[] encode(Entry entry) {
        for (byte b : entry.body()) {
            if (b == '\n' || b == '\r') {
                // Compact JSON escapes line breaks; a raw one would split the record.
                throw new IllegalArgumentException("a spooled body must be one line of JSON");
            }
        }
        String payload = "{\"kind\":\"" + entry.kind().name().toLowerCase() + "\",\"migrationId\":"
                + quote(entry.migrationId()) + ",\"body\":" + new String(entry.body(), StandardCharsets.UTF_8) + "}";
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (bytes.length + " " + String.format("%08x", crc.getValue()) + " " + payload + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** @return the entry, or null when the line's length or checksum does not match its payload */
    static Entry decode(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        String[] parts = text.split(" ", 3);
        if (parts.length < 3 || !text.endsWith("\n")) {
            return null;
        }
        byte[] payload = parts[2].substring(0, parts[2].length() - 1).getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(payload);
        try {
            if (Integer.parseInt(parts[0]) != payload.length || Long.parseLong(parts[1], 16) != crc.getValue()) {
                return null;
            }
            var node = JSON.readTree(payload);
            // The body's very bytes, not a re-serialisation of them: a replay sends what the first attempt sent.
            // A JSON string cannot hold an unescaped quote, so the first ,"body": is the field's own.
            int body = indexOf(payload, BODY_FIELD) + BODY_FIELD.length;
            return new Entry(Kind.valueOf(node.get("kind").asText().toUpperCase()), node.get("migrationId").asText(),
                    java.util.Arrays.copyOfRange(payload, body, payload.length - 1));
        } catch (RuntimeException | IOException corrupt) {
            return null;
        }
    }

    private void writeRejected(Refused refusal, Indexed record) throws IOException {
        var line = JSON.createObjectNode()
                .put("kind", refusal.entry().kind().name().toLowerCase())
                .put("migrationId", refusal.entry().migrationId())
                .put("status", refusal.status())
                .put("spoolOffset", record.offset());
        line.set("body", JSON.readTree(refusal.entry().body()));
        line.put("problem", refusal.problem());
        try (FileChannel channel = FileChannel.open(rejected, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            writeFully(channel, ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        }
        LOG.warning(() -> "the ledger refused a spooled " + refusal.entry().kind().name().toLowerCase() + " of "
                + refusal.entry().migrationId() + " with " + refusal.status() + "; filed in " + rejected);
    }

    private void writeDamaged(byte[] line, Indexed record) throws IOException {
        try (FileChannel channel = FileChannel.open(damaged, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            writeFully(channel, ByteBuffer.wrap(line));
            channel.force(false);
        }
        LOG.warning(() -> "a damaged record at byte " + record.offset() + " of " + log + " cannot be delivered; its "
                + line.length + " bytes are kept in " + damaged);
    }

    /** {@code OFFSET GENERATION}; a lone offset, as older clients wrote it, is generation 0. */
    private Acked readAcked() throws IOException {
        try {
            String[] parts = Files.readString(acked).strip().split(" ");
            return new Acked(Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : 0);
        } catch (java.nio.file.NoSuchFileException none) {
            return new Acked(0, 0);
        } catch (NumberFormatException corrupt) {
            // Never written half (it is replaced atomically); treat damage as "nothing settled": duplicates are harmless.
            return new Acked(0, 0);
        }
    }

    private void writeAcked(Acked settled) throws IOException {
        Path next = directory.resolve("spool.acked.tmp");
        String text = settled.offset() + " " + settled.generation();
        try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(channel, ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
        Files.move(next, acked, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
    }

    private byte[] read(long from, long to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(to - from));
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, from + buffer.position()) < 0) {
                    break;
                }
            }
        }
        return java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }

    private void forceDirectory() {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupported) {
            // Some platforms cannot open a directory; the file's own force is then all there is.
        }
    }

    private interface IoAction<T> {
        T run() throws IOException;
    }

    private <T> T underAppendLock(IoAction<T> action) {
        appendLock.lock();
        try (FileChannel lockFile = FileChannel.open(directory.resolve("spool.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            return action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("spool " + directory + " failed", e);
        } finally {
            appendLock.unlock();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException missing) {
            return 0;
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static int indexOf(byte[] bytes, byte[] value) {
        outer:
        for (int i = 0; i + value.length <= bytes.length; i++) {
            for (int j = 0; j < value.length; j++) {
                if (bytes[i + j] != value[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("no body in the record");
    }

    private static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
