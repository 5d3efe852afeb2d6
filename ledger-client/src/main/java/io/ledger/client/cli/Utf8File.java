package io.ledger.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a migration as UTF-8, and says where it is not: the JDK's own error ("MalformedInputException Input length
 * = 3") names neither the line nor the byte, which a developer with a Latin-1 editor needs to find it.
 */
final class Utf8File {

    private Utf8File() {
    }

    /** A file that is not valid UTF-8, at this 1-based line, where this byte begins an invalid sequence. */
    static final class NotUtf8Exception extends IOException {

        NotUtf8Exception(int line, int offendingByte) {
            super("not valid UTF-8 (line %d, byte 0x%02X); save it as UTF-8".formatted(line, offendingByte));
        }
    }

    static String read(Path file) throws IOException {
        return decode(Files.readAllBytes(file));
    }

    static String read(InputStream in) throws IOException {
        return decode(in.readAllBytes());
    }

    private static String decode(byte[] bytes) throws NotUtf8Exception {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new NotUtf8Exception(line, bytes[at] & 0xFF);
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
