package org.amdistill.core.table;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Reads and writes one kind of object in Kaldi's binary and text forms (Kaldi's "Holder"). The table layer handles
 * keys and the {@code \0B} binary marker; a codec sees only the object.
 */
public interface KaldiCodec<T> {
    T read(KaldiInput in, boolean binary) throws IOException;

    void write(OutputStream out, T value, boolean binary) throws IOException;
}
