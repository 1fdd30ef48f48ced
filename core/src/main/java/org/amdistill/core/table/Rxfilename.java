package org.amdistill.core.table;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amdistill.core.cli.AmdException;

/**
 * Kaldi's extended input filenames: {@code path}, {@code path:offset} (a byte offset into an archive, as scp files
 * hold), {@code command |} (the command's standard output; a non-zero exit status is an error at close), and
 * {@code -} for standard input.
 */
public final class Rxfilename {
    private static final Pattern OFFSET = Pattern.compile("^(.*):(\\d+)$");

    private Rxfilename() {}

    public enum Kind {
        STDIN,
        PIPE,
        FILE,
        OFFSET
    }

    public static Kind kind(String rx) {
        String s = rx.strip();
        if (s.isEmpty() || s.equals("-")) {
            return Kind.STDIN;
        }
        if (s.endsWith("|")) {
            return Kind.PIPE;
        }
        Matcher m = OFFSET.matcher(s);
        if (m.matches() && !Files.exists(Path.of(s))) {
            return Kind.OFFSET;
        }
        return Kind.FILE;
    }

    /** The file a FILE or OFFSET rxfilename names. */
    public static Path path(String rx) {
        String s = rx.strip();
        return kind(s) == Kind.OFFSET ? Path.of(OFFSET.matcher(s).replaceAll("$1")) : Path.of(s);
    }

    /** The byte offset of an OFFSET rxfilename (0 otherwise). */
    public static long offset(String rx) {
        String s = rx.strip();
        if (kind(s) != Kind.OFFSET) {
            return 0;
        }
        Matcher m = OFFSET.matcher(s);
        m.matches();
        return Long.parseLong(m.group(2));
    }

    public static InputStream open(String rx) {
        return openInput(rx).stream;
    }

    /** Opens for Kaldi-style reading, with the name and start offset that error messages use. */
    public static KaldiInput openKaldi(String rx) {
        Opened o = openInput(rx);
        return new KaldiInput(o.stream, o.name, o.offset);
    }

    record Opened(InputStream stream, String name, long offset) {}

    static Opened openInput(String rx) {
        String s = rx.strip();
        return switch (kind(s)) {
            case STDIN -> new Opened(
                    new FilterInputStream(System.in) {
                        @Override
                        public void close() {
                            // never close the process's stdin
                        }
                    },
                    "standard input",
                    0);
            case PIPE -> new Opened(openPipe(s.substring(0, s.length() - 1).strip()), "'" + s + "'", 0);
            default -> openFile(path(s), offset(s));
        };
    }

    /** A file, read from byte {@code off} on. */
    private static Opened openFile(Path p, long off) {
        try {
            RandomAccessFile raf = new RandomAccessFile(p.toFile(), "r");
            if (off > raf.length()) {
                raf.close();
                throw new AmdException("offset " + off + " is past the end of " + p + " (" + raf.length() + " bytes)");
            }
            raf.seek(off);
            return new Opened(
                    new BufferedInputStream(Channels.newInputStream(raf.getChannel()), 1 << 16), p.toString(), off);
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw new AmdException("cannot open " + p + ": " + (Files.exists(p) ? e.getMessage() : "no such file"));
        } catch (IOException e) {
            throw new AmdException("cannot open " + p + ": " + e.getMessage());
        }
    }

    private static InputStream openPipe(String command) {
        Process proc = Pipes.start(command, true);
        return new FilterInputStream(new BufferedInputStream(proc.getInputStream(), 1 << 16)) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                // Drain so the command is not killed by SIGPIPE for output we did not need.
                in.transferTo(OutputStreamNull.INSTANCE);
                super.close();
                Pipes.awaitSuccess(proc, command);
            }
        };
    }

    private static final class OutputStreamNull extends OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
