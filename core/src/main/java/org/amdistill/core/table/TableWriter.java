package org.amdistill.core.table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.amdistill.core.cli.AmdException;

/**
 * Writes a Kaldi table: {@code ark:}, {@code ark,t:}, {@code ark,scp:A.ark,A.scp}, {@code ark:-}. scp lines give
 * the archive's byte offset just past {@code "key "}, as Kaldi's do. Files appear under their names only when the
 * writer is closed; {@link #abort()} leaves nothing. A writer from {@link #openAtomic} publishes only on
 * {@link #commit()}: closed without it — an exception leaving a try-with-resources block — it leaves nothing, so a
 * command that fails half way never leaves a partial archive under the name a later stage reads.
 */
public final class TableWriter<T> implements AutoCloseable {
    private final KaldiCodec<T> codec;
    private final boolean binary;
    private final String archiveName;
    private final Wxfilename.Output archive;
    private final Wxfilename.Output script;
    private final boolean commitRequired;
    private boolean committed;
    private long entries;
    private boolean closed;

    private TableWriter(String wspecifier, KaldiCodec<T> codec, boolean commitRequired) {
        this.commitRequired = commitRequired;
        Specifier spec = Specifier.parseWrite(wspecifier);
        this.codec = codec;
        this.binary = !spec.text();
        this.archiveName = spec.file();
        this.archive = Wxfilename.open(spec.file());
        this.script = spec.scpFile() == null ? null : Wxfilename.open(spec.scpFile());
    }

    public static <T> TableWriter<T> open(String wspecifier, KaldiCodec<T> codec) {
        return new TableWriter<>(wspecifier, codec, false);
    }

    /** A writer whose files appear only on {@link #commit()}; closing it without one abandons the output. */
    /**
     * Kaldi's per-utterance transform commands (add-deltas, splice-feats): every entry of {@code rspecifier} through
     * {@code f} into {@code wspecifier}, which is committed only when all are written.
     */
    public static <T> void transformAll(String rspecifier, String wspecifier, KaldiCodec<T> codec, UnaryOperator<T> f) {
        try (SequentialReader<T> r = SequentialReader.open(rspecifier, codec);
                TableWriter<T> w = openAtomic(wspecifier, codec)) {
            for (Entry<T> e : r) {
                w.write(e.key(), f.apply(e.value()));
            }
            w.commit();
        }
    }

    public static <T> TableWriter<T> openAtomic(String wspecifier, KaldiCodec<T> codec) {
        return new TableWriter<>(wspecifier, codec, true);
    }

    /**
     * Publishes the output under its names (the last statement of the block that wrote it). An output with no entry
     * is not published: every utterance failed, or there were none, and an empty file under the final name would
     * pass for a result (Kaldi's tools exit 1 then too, but leave the file).
     */
    public void commit() {
        if (entries == 0) {
            abort();
            throw new AmdException("nothing was written to " + archiveName
                    + ": no utterance succeeded (or the input had none), so no file is left under that name");
        }
        committed = true;
        close();
    }

    public void write(String key, T value) {
        if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
            throw new AmdException("invalid table key '" + key + "': keys must be non-empty and without whitespace");
        }
        try {
            archive.write((key + " ").getBytes(StandardCharsets.UTF_8));
            long offset = archive.position();
            if (binary) {
                archive.write(0);
                archive.write('B');
            }
            codec.write(archive, value, binary);
            entries++;
            if (script != null) {
                script.write((key + " " + archiveName + ":" + offset + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new AmdException("error writing '" + key + "' to " + archiveName + ": " + e.getMessage(), e);
        }
    }

    /** Abandons the output: temporary files are removed and nothing appears under the target names. */
    public void abort() {
        closed = true;
        archive.abort();
        if (script != null) {
            script.abort();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (commitRequired && !committed) {
            abort();
            return;
        }
        closed = true;
        try {
            archive.close();
            if (script != null) {
                script.close();
            }
        } catch (IOException e) {
            throw new AmdException("error closing " + archiveName + ": " + e.getMessage(), e);
        }
    }
}
