package org.amdistill.core.table;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.amdistill.core.cli.AmdException;

/**
 * Reads a Kaldi table in order, one entry at a time, never holding the whole archive: Kaldi's
 * SequentialTableReader. {@code ark:} entries are parsed as the iteration reaches them (a broken archive ends the
 * iteration with an error naming the file and byte offset); {@code scp:} entries are loaded when
 * {@link Entry#value()} is called, so one unreadable entry does not stop the others.
 */
public abstract class SequentialReader<T> implements Iterable<Entry<T>>, AutoCloseable {

    public static <T> SequentialReader<T> open(String rspecifier, KaldiCodec<T> codec) {
        Specifier spec = Specifier.parseRead(rspecifier);
        return spec.archive()
                ? new ArchiveReader<>(spec.file(), codec, Rxfilename.openKaldi(spec.file()))
                : new ScriptReader<>(spec.file(), codec);
    }

    /** The entries of an archive already open as {@code in} (the fuzz targets feed bytes this way). */
    static <T> SequentialReader<T> ofArchive(KaldiInput in, KaldiCodec<T> codec) {
        return new ArchiveReader<>(in.name(), codec, in);
    }

    @Override
    public abstract void close();

    private static final class ArchiveReader<T> extends SequentialReader<T> {
        private final String file;
        private final KaldiCodec<T> codec;
        private final KaldiInput in;
        private boolean iterated;

        ArchiveReader(String file, KaldiCodec<T> codec, KaldiInput in) {
            this.file = file;
            this.codec = codec;
            this.in = in;
        }

        @Override
        public Iterator<Entry<T>> iterator() {
            if (iterated) {
                throw new IllegalStateException("a sequential reader can be iterated once");
            }
            iterated = true;
            return new Iterator<>() {
                private Entry<T> next = advance();

                private Entry<T> advance() {
                    long at = in.position();
                    try {
                        String key = in.readToken();
                        if (key == null) {
                            return null;
                        }
                        int[] p = in.peek2();
                        boolean binary = p[0] == 0 && p[1] == 'B';
                        if (binary) {
                            in.read();
                            in.read();
                        }
                        T value = codec.read(in, binary);
                        return new Fixed<>(key, value);
                    } catch (IOException e) {
                        throw new AmdException(
                                "error reading archive " + file + " (entry starting at byte " + at + "): "
                                        + e.getMessage(),
                                e);
                    }
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public Entry<T> next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    Entry<T> e = next;
                    next = advance();
                    return e;
                }
            };
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new AmdException("error closing " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static final class ScriptReader<T> extends SequentialReader<T> {
        private final List<ScpFile.ScpLine> lines;
        private final ScpObjects<T> objects;

        ScriptReader(String file, KaldiCodec<T> codec) {
            this.lines = ScpFile.read(file);
            this.objects = new ScpObjects<>(codec);
        }

        @Override
        public Iterator<Entry<T>> iterator() {
            Iterator<ScpFile.ScpLine> it = lines.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Entry<T> next() {
                    ScpFile.ScpLine line = it.next();
                    return new Entry<>() {
                        private T value;

                        @Override
                        public String key() {
                            return line.key();
                        }

                        @Override
                        public T value() {
                            if (value == null) {
                                value = objects.load(line);
                            }
                            return value;
                        }
                    };
                }
            };
        }

        @Override
        public void close() {
            objects.close();
        }
    }

    record Fixed<T>(String key, T value) implements Entry<T> {}
}
