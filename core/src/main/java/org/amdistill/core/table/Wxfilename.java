package org.amdistill.core.table;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;

/**
 * Kaldi's extended output filenames: {@code path}, {@code | command} (into the command's standard input) and
 * {@code -} for standard output. A file is written to a temporary name beside it and renamed into place when the
 * stream is closed, so a killed run never leaves a half-written file under the real name.
 */
public final class Wxfilename {
    private Wxfilename() {}

    /** An output stream that can be abandoned: {@link #abort()} removes what was written. */
    public abstract static class Output extends FilterOutputStream {
        Output(OutputStream out) {
            super(out);
        }

        /** Bytes written so far (archive offsets for scp files). */
        public abstract long position();

        public abstract void abort();

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count(len);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count(1);
        }

        abstract void count(int n);
    }

    public static Output open(String wx) {
        String s = wx.strip();
        if (s.isEmpty() || s.equals("-")) {
            return new Counting(new BufferedOutputStream(System.out, 1 << 16)) {
                @Override
                public void close() throws IOException {
                    flush();
                }

                @Override
                public void abort() {}
            };
        }
        if (s.startsWith("|")) {
            return openPipe(s.substring(1).strip());
        }
        return openFile(Path.of(s));
    }

    /** A file written to a temporary name beside it, renamed into place at close. */
    private static Output openFile(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = AtomicFiles.tempBeside(target);
            OutputStream fos = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
            return new Counting(fos) {
                private boolean done;

                @Override
                public void close() throws IOException {
                    if (done) {
                        return;
                    }
                    done = true;
                    try {
                        out.close();
                    } catch (IOException e) {
                        Files.deleteIfExists(tmp);
                        throw new IOException("error writing " + target + ": " + e.getMessage(), e);
                    }
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }

                @Override
                public void abort() {
                    done = true;
                    try {
                        out.close();
                    } catch (IOException ignored) {
                        // being abandoned anyway
                    }
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // nothing more to do
                    }
                }
            };
        } catch (IOException e) {
            throw new AmdException("cannot write " + target + ": " + e.getMessage());
        }
    }

    private static Output openPipe(String command) {
        Process proc = Pipes.start(command, false);
        return new Counting(new BufferedOutputStream(proc.getOutputStream(), 1 << 16)) {
            @Override
            public void close() throws IOException {
                out.close();
                Pipes.awaitSuccess(proc, command);
            }

            @Override
            public void abort() {
                proc.destroy();
            }
        };
    }

    private abstract static class Counting extends Output {
        private long position;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        void count(int n) {
            position += n;
        }
    }
}
