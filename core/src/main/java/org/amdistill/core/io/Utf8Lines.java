package org.amdistill.core.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.amdistill.core.cli.AmdException;

/**
 * Lines of a text file that must be UTF-8 (transcripts, tables, lexicons, LMs). Kaldi treats words as bytes; we
 * treat them as text, so a byte sequence that is not UTF-8 cannot be kept byte-exact and is refused, naming the
 * file, line and byte, instead of being read as U+FFFD (which made two different words the same). A line ends at
 * {@code \n}; a {@code \r} before it is dropped, as {@code BufferedReader.readLine} does.
 */
public final class Utf8Lines implements Closeable {
    private final InputStream in;
    private final String source;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int lineNumber;

    public Utf8Lines(InputStream in, String source) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
        this.source = source;
    }

    /** Every line of {@code file}; a missing or unreadable file is an {@link AmdException}. */
    public static List<String> readAll(Path file) {
        List<String> lines = new ArrayList<>();
        try (Utf8Lines r = new Utf8Lines(Files.newInputStream(file), file.toString())) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                lines.add(l);
            }
        } catch (NoSuchFileException e) {
            throw new AmdException("cannot open " + file + ": no such file");
        } catch (IOException e) {
            throw new AmdException("error reading " + file + ": " + e.getMessage());
        }
        return lines;
    }

    /** The next line without its terminator, or null at the end. */
    public String readLine() throws IOException {
        line.reset();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            line.write(b);
            b = in.read();
        }
        lineNumber++;
        byte[] bytes = line.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return decode(bytes, n);
    }

    /** The number of the line last returned, from 1. */
    public int lineNumber() {
        return lineNumber;
    }

    private String decode(byte[] bytes, int n) {
        ByteBuffer src = ByteBuffer.wrap(bytes, 0, n);
        CharBuffer dst = CharBuffer.allocate(n);
        decoder.reset();
        CoderResult r = decoder.decode(src, dst, true);
        if (r.isError()) {
            throw notUtf8(bytes, src.position());
        }
        r = decoder.flush(dst);
        if (r.isError()) {
            throw notUtf8(bytes, src.position());
        }
        return dst.flip().toString();
    }

    private NotUtf8 notUtf8(byte[] bytes, int at) {
        return new NotUtf8(
                source,
                lineNumber,
                String.format(
                        "not valid UTF-8 (byte 0x%02X at byte %d of the line); text files must be UTF-8",
                        bytes[at] & 0xff, at + 1));
    }

    /** A line that is not UTF-8: its file, line number and what was found, for reports that list problems. */
    public static final class NotUtf8 extends AmdException {
        private final int line;
        private final String detail;

        NotUtf8(String source, int line, String detail) {
            super(source + ":" + line + ": " + detail);
            this.line = line;
            this.detail = detail;
        }

        public int line() {
            return line;
        }

        public String detail() {
            return detail;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
