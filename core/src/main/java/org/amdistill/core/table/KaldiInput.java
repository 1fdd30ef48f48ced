package org.amdistill.core.table;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A buffered input that knows its name and byte position, with the primitive reads Kaldi's I/O needs: binary
 * little-endian basic types, whitespace-separated text tokens. Errors name the source and the byte offset.
 */
public final class KaldiInput implements AutoCloseable {
    private final InputStream in;
    private final String name;
    private long position;
    private final byte[] scratch = new byte[8];

    public KaldiInput(InputStream in, String name, long startPosition) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
        this.name = name;
        this.position = startPosition;
    }

    public String name() {
        return name;
    }

    public long position() {
        return position;
    }

    /** "NAME at byte N", for error messages. */
    public String where() {
        return name + " at byte " + position;
    }

    public IOException error(String what) {
        return new IOException(what + " (" + where() + ")");
    }

    public int peek() throws IOException {
        in.mark(1);
        int b = in.read();
        in.reset();
        return b;
    }

    /** Peeks two bytes; returns -1 for a missing one. */
    public int[] peek2() throws IOException {
        in.mark(2);
        int a = in.read();
        int b = a < 0 ? -1 : in.read();
        in.reset();
        return new int[] {a, b};
    }

    /** Consumes the next {@code n} bytes if they are all zero and returns true; otherwise consumes nothing. */
    public boolean skipIfZeroBytes(int n) throws IOException {
        in.mark(n);
        for (int i = 0; i < n; i++) {
            if (in.read() != 0) {
                in.reset();
                return false;
            }
        }
        position += n;
        return true;
    }

    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            position++;
        }
        return b;
    }

    /**
     * The next {@code n} bytes, {@code what} naming them in errors. Read in growing chunks, so a size that a damaged
     * header claims fails at the end of the data that is there, instead of allocating the claim (gigabytes).
     */
    public byte[] readBytes(long n, String what) throws IOException {
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw error(what + " of " + n + " bytes: impossible size (damaged header?)");
        }
        int size = (int) n;
        byte[] buf = new byte[Math.min(size, 1 << 16)];
        int done = 0;
        while (done < size) {
            if (done == buf.length) {
                buf = java.util.Arrays.copyOf(buf, (int) Math.min(size, 2L * buf.length));
            }
            int got = in.read(buf, done, buf.length - done);
            if (got < 0) {
                position += done;
                throw new EOFException("unexpected end of file in " + what + ": wanted " + n + " bytes, got " + done
                        + " (" + where() + ")");
            }
            done += got;
        }
        position += size;
        return buf;
    }

    public void readFully(byte[] buf, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(buf, off + done, len - done);
            if (n < 0) {
                position += done;
                throw new EOFException(
                        "unexpected end of file: wanted " + len + " bytes, got " + done + " (" + where() + ")");
            }
            done += n;
        }
        position += len;
    }

    public void skipWhitespace() throws IOException {
        while (true) {
            int b = peek();
            if (b < 0 || !Character.isWhitespace(b)) {
                return;
            }
            read();
        }
    }

    /** A whitespace-delimited token after skipping whitespace; null at end of input. Consumes one trailing space. */
    public String readToken() throws IOException {
        skipWhitespace();
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = peek();
            if (b < 0 || Character.isWhitespace(b)) {
                break;
            }
            sb.append((char) read());
        }
        if (sb.length() == 0) {
            return null;
        }
        if (peek() == ' ') {
            read();
        }
        return sb.toString();
    }

    /** Expects the token {@code expected}, as Kaldi's ExpectToken. */
    public void expectToken(String expected) throws IOException {
        long at = position;
        String t = readToken();
        if (!expected.equals(t)) {
            throw new IOException(
                    "expected token '" + expected + "', got '" + t + "' (" + name + " at byte " + at + ")");
        }
    }

    /** Reads to the end of the line; null at end of input. Strips the newline. */
    public String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int b = read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            sb.append((char) b);
            b = read();
        }
        return new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** Kaldi's binary WriteBasicType(int32): a size byte (4) then the little-endian value. */
    public int readBasicInt32() throws IOException {
        long at = position;
        int size = read();
        if (size != 4) {
            throw new IOException("expected int32 size byte 4, got " + size + " (" + name + " at byte " + at + ")");
        }
        return readInt32();
    }

    public int readInt32() throws IOException {
        readFully(scratch, 0, 4);
        return (scratch[0] & 0xff) | (scratch[1] & 0xff) << 8 | (scratch[2] & 0xff) << 16 | (scratch[3] & 0xff) << 24;
    }

    public int readUint16() throws IOException {
        readFully(scratch, 0, 2);
        return (scratch[0] & 0xff) | (scratch[1] & 0xff) << 8;
    }

    public float readFloat32() throws IOException {
        return Float.intBitsToFloat(readInt32());
    }

    public double readFloat64() throws IOException {
        readFully(scratch, 0, 8);
        long lo = (scratch[0] & 0xffL)
                | (scratch[1] & 0xffL) << 8
                | (scratch[2] & 0xffL) << 16
                | (scratch[3] & 0xffL) << 24;
        long hi = (scratch[4] & 0xffL)
                | (scratch[5] & 0xffL) << 8
                | (scratch[6] & 0xffL) << 16
                | (scratch[7] & 0xffL) << 24;
        return Double.longBitsToDouble(lo | hi << 32);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
