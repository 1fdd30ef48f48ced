package org.amdistill.core.table;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amdistill.core.cli.AmdException;

/**
 * Loads the object an scp line points at ({@code file}, {@code file:offset}, {@code cmd |}, optionally with a
 * Kaldi matrix range {@code [r1:r2]} or {@code [r1:r2,c1:c2]}), keeping the last archive open so that reading an
 * scp whose entries point into the same archive does not reopen it per entry.
 */
final class ScpObjects<T> implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("^(.*)\\[(\\d*):(\\d*)(?:,(\\d*):(\\d*))?\\]$");
    private final KaldiCodec<T> codec;
    private Path openPath;
    private RandomAccessFile openFile;

    ScpObjects(KaldiCodec<T> codec) {
        this.codec = codec;
    }

    T load(ScpFile.ScpLine line) {
        String rx = line.value();
        Matcher range = RANGE.matcher(rx);
        boolean ranged = range.matches();
        if (ranged) {
            rx = range.group(1);
        }
        KaldiInput in = null;
        try {
            Rxfilename.Kind kind = Rxfilename.kind(rx);
            if (kind == Rxfilename.Kind.FILE || kind == Rxfilename.Kind.OFFSET) {
                Path p = Rxfilename.path(rx);
                long off = Rxfilename.offset(rx);
                if (!p.equals(openPath)) {
                    closeFile();
                    openFile = new RandomAccessFile(p.toFile(), "r");
                    openPath = p;
                }
                if (off > openFile.length()) {
                    throw new IOException(
                            "offset " + off + " is past the end of " + p + " (" + openFile.length() + " bytes)");
                }
                openFile.seek(off);
                in = new KaldiInput(Channels.newInputStream(openFile.getChannel()), p.toString(), off);
                T v = readObject(in);
                return ranged ? applyRange(v, range, line) : v;
            }
            in = Rxfilename.openKaldi(rx);
            try {
                T v = readObject(in);
                return ranged ? applyRange(v, range, line) : v;
            } finally {
                in.close();
            }
        } catch (FileNotFoundException e) {
            closeFileQuietly();
            throw new AmdException("utterance '" + line.key() + "' (" + line.where() + "): cannot open "
                    + Rxfilename.path(rx) + ": no such file");
        } catch (IOException | AmdException e) {
            throw new AmdException("utterance '" + line.key() + "' (" + line.where() + "): " + e.getMessage(), e);
        }
    }

    private T readObject(KaldiInput in) throws IOException {
        int[] p = in.peek2();
        boolean binary = p[0] == 0 && p[1] == 'B';
        if (binary) {
            in.read();
            in.read();
        }
        return codec.read(in, binary);
    }

    @SuppressWarnings("unchecked")
    private T applyRange(T v, Matcher m, ScpFile.ScpLine line) {
        if (!(v instanceof Matrix mat)) {
            throw new AmdException(line.where() + ": a [range] applies only to matrices");
        }
        int r1 = m.group(2).isEmpty() ? 0 : Integer.parseInt(m.group(2));
        int r2 = m.group(3).isEmpty() ? mat.rows() - 1 : Integer.parseInt(m.group(3));
        int c1 = m.group(4) == null || m.group(4).isEmpty() ? 0 : Integer.parseInt(m.group(4));
        int c2 = m.group(5) == null || m.group(5).isEmpty() ? mat.cols() - 1 : Integer.parseInt(m.group(5));
        if (r1 > r2 || r2 >= mat.rows() || c1 > c2 || c2 >= mat.cols()) {
            throw new AmdException(line.where() + ": range [" + r1 + ":" + r2 + "," + c1 + ":" + c2 + "] outside a "
                    + mat.rows() + " x " + mat.cols() + " matrix");
        }
        Matrix out = new Matrix(r2 - r1 + 1, c2 - c1 + 1);
        for (int r = r1; r <= r2; r++) {
            System.arraycopy(mat.data(), r * mat.cols() + c1, out.data(), (r - r1) * out.cols(), out.cols());
        }
        return (T) out;
    }

    private void closeFile() throws IOException {
        if (openFile != null) {
            openFile.close();
            openFile = null;
            openPath = null;
        }
    }

    private void closeFileQuietly() {
        try {
            closeFile();
        } catch (IOException ignored) {
            // already failing
        }
    }

    @Override
    public void close() {
        closeFileQuietly();
    }
}
