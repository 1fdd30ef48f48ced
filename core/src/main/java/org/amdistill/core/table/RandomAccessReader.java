package org.amdistill.core.table;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.amdistill.core.cli.AmdException;

/**
 * Looks entries up by key: Kaldi's RandomAccessTableReader. An {@code scp:} table keeps its index in memory and
 * reads each object on request; an {@code ark:} file is indexed in one pass (byte offsets, objects dropped) and read
 * back by seeking; an archive from a pipe or standard input, which cannot seek, is held in memory.
 */
public final class RandomAccessReader<T> implements AutoCloseable {
    private final String rspecifier;
    private final Map<String, ScpFile.ScpLine> index = new LinkedHashMap<>();
    private final Map<String, T> inMemory;
    private final ScpObjects<T> objects;

    private RandomAccessReader(String rspecifier, KaldiCodec<T> codec) {
        this.rspecifier = rspecifier;
        this.objects = new ScpObjects<>(codec);
        Specifier spec = Specifier.parseRead(rspecifier);
        if (spec.script()) {
            for (ScpFile.ScpLine l : ScpFile.read(spec.file())) {
                if (index.put(l.key(), l) != null) {
                    throw new AmdException(l.where() + ": duplicate key '" + l.key() + "'");
                }
            }
            inMemory = null;
            return;
        }
        Rxfilename.Kind kind = Rxfilename.kind(spec.file());
        boolean seekable = kind == Rxfilename.Kind.FILE;
        inMemory = seekable ? null : new LinkedHashMap<>();
        try (KaldiInput in = Rxfilename.openKaldi(spec.file())) {
            while (true) {
                long at = in.position();
                String key;
                try {
                    key = in.readToken();
                    if (key == null) {
                        break;
                    }
                    long objectStart = in.position();
                    int[] p = in.peek2();
                    boolean binary = p[0] == 0 && p[1] == 'B';
                    if (binary) {
                        in.read();
                        in.read();
                    }
                    T v = codec.read(in, binary);
                    if (index.containsKey(key) || (inMemory != null && inMemory.containsKey(key))) {
                        throw new AmdException(
                                "archive " + spec.file() + ": duplicate key '" + key + "' at byte " + at);
                    }
                    if (inMemory != null) {
                        inMemory.put(key, v);
                    } else {
                        index.put(key, new ScpFile.ScpLine(key, spec.file() + ":" + objectStart, 0, spec.file()));
                    }
                } catch (IOException e) {
                    throw new AmdException(
                            "error reading archive " + spec.file() + " (entry starting at byte " + at + "): "
                                    + e.getMessage(),
                            e);
                }
            }
        } catch (IOException e) {
            throw new AmdException("error reading " + spec.file() + ": " + e.getMessage(), e);
        }
    }

    public static <T> RandomAccessReader<T> open(String rspecifier, KaldiCodec<T> codec) {
        return new RandomAccessReader<>(rspecifier, codec);
    }

    public boolean contains(String key) {
        return inMemory != null ? inMemory.containsKey(key) : index.containsKey(key);
    }

    /** The value for {@code key}; an {@link AmdException} naming the table if it is absent or unreadable. */
    public T get(String key) {
        if (inMemory != null) {
            T v = inMemory.get(key);
            if (v == null) {
                throw new AmdException("no entry for '" + key + "' in " + rspecifier);
            }
            return v;
        }
        ScpFile.ScpLine line = index.get(key);
        if (line == null) {
            throw new AmdException("no entry for '" + key + "' in " + rspecifier);
        }
        return objects.load(line);
    }

    /** Keys in table order. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(inMemory != null ? inMemory.keySet() : index.keySet());
    }

    @Override
    public void close() {
        objects.close();
    }
}
