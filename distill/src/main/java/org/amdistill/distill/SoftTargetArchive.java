package org.amdistill.distill;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.HalfMatrix;
import org.amdistill.core.table.KaldiCodec;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.Posterior;
import org.amdistill.core.table.RandomAccessReader;
import org.amdistill.core.table.TableWriter;

/**
 * A teacher's soft targets on disk: {@code DIR/targets.ark} with {@code DIR/targets.scp}, and {@code DIR/info}, the
 * header (temperature, teacher, its state inventory's fingerprint, storage, counts). {@code info} is written last,
 * after the archive is complete and renamed into place, and removed first when a run starts: a directory without
 * it is a killed run's leftovers and is never read as soft targets.
 *
 * <p>Storage: dense float16 (half the bytes of float32, relative error below 0.05 %), sparse top-k as a Kaldi
 * {@code Posterior} (k pairs per frame), or float32 (logits for logit matching, or exactness).
 */
public final class SoftTargetArchive {
    public enum Storage {
        FLOAT16,
        SPARSE,
        FLOAT32
    }

    /** One utterance's targets, kept in their stored form and expanded a row at a time. */
    public interface Rows {
        int rows();

        void fill(int frame, float[] dst, int off);
    }

    /** The header of an archive. */
    public record Info(
            double temperature,
            String teacher,
            String inventory,
            int numClasses,
            Storage storage,
            int topK,
            String topKMode,
            boolean logits,
            long utterances,
            long frames,
            String transferSet) {
        Properties toProperties() {
            Properties p = new Properties();
            p.setProperty("temperature", "" + temperature);
            p.setProperty("teacher", teacher);
            p.setProperty("inventory", inventory);
            p.setProperty("num-classes", "" + numClasses);
            p.setProperty("storage", storage.name().toLowerCase(Locale.ROOT));
            p.setProperty("top-k", "" + topK);
            p.setProperty("top-k-mode", topKMode);
            p.setProperty("logits", "" + logits);
            p.setProperty("utterances", "" + utterances);
            p.setProperty("frames", "" + frames);
            p.setProperty("transfer-set", transferSet);
            return p;
        }

        static Info fromProperties(Properties p, Path file) {
            try {
                return new Info(
                        Double.parseDouble(req(p, "temperature", file)),
                        req(p, "teacher", file),
                        req(p, "inventory", file),
                        Integer.parseInt(req(p, "num-classes", file)),
                        SoftTargetArchive.storage(req(p, "storage", file)),
                        Integer.parseInt(req(p, "top-k", file)),
                        req(p, "top-k-mode", file),
                        Boolean.parseBoolean(req(p, "logits", file)),
                        Long.parseLong(req(p, "utterances", file)),
                        Long.parseLong(req(p, "frames", file)),
                        req(p, "transfer-set", file));
            } catch (NumberFormatException e) {
                throw new AmdException(file + ": bad number (" + e.getMessage() + ")");
            }
        }

        private static String req(Properties p, String key, Path file) {
            String v = p.getProperty(key);
            if (v == null) {
                throw new AmdException(file + ": no '" + key + "' entry");
            }
            return v;
        }
    }

    public static Storage storage(String s) {
        try {
            return Storage.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AmdException("soft-target storage must be float16, sparse or float32, got '" + s + "'");
        }
    }

    private SoftTargetArchive() {}

    static Path infoFile(Path dir) {
        return dir.resolve("info");
    }

    /** Writes soft targets into {@code dir}; {@link #finish} writes the header that marks them complete. */
    public static final class Writer implements AutoCloseable {
        private final Path dir;
        private final Storage storage;
        private final TableWriter<Object> table;
        private long utterances;
        private long frames;
        private boolean done;

        @SuppressWarnings("unchecked")
        public Writer(Path dir, Storage storage) {
            this.dir = dir;
            this.storage = storage;
            try {
                Files.createDirectories(dir);
                Files.deleteIfExists(infoFile(dir)); // from now on the directory is incomplete until finish()
            } catch (IOException e) {
                throw new AmdException("cannot prepare soft-target directory " + dir + ": " + e.getMessage(), e);
            }
            KaldiCodec<?> codec =
                    switch (storage) {
                        case FLOAT16 -> HalfMatrix.CODEC;
                        case SPARSE -> Posterior.CODEC;
                        case FLOAT32 -> Codecs.MATRIX;
                    };
            this.table = TableWriter.open(
                    "ark,scp:" + dir.resolve("targets.ark") + "," + dir.resolve("targets.scp"),
                    (KaldiCodec<Object>) codec);
        }

        /** Stores one utterance's targets (rows = frames); sparse storage keeps each row's non-zero entries. */
        public void write(String key, Matrix targets) {
            Object v =
                    switch (storage) {
                        case FLOAT16 -> HalfMatrix.of(targets);
                        case SPARSE -> sparse(targets);
                        case FLOAT32 -> targets;
                    };
            table.write(key, v);
            utterances++;
            frames += targets.rows();
        }

        /** Completes the archive and then writes the header; only now does the directory count as soft targets. */
        public void finish(Info header) {
            table.close();
            Info full = new Info(
                    header.temperature(),
                    header.teacher(),
                    header.inventory(),
                    header.numClasses(),
                    storage,
                    header.topK(),
                    header.topKMode(),
                    header.logits(),
                    utterances,
                    frames,
                    header.transferSet());
            writeInfo(dir, full);
            done = true;
        }

        @Override
        public void close() {
            if (!done) {
                table.abort();
            }
        }
    }

    /**
     * The header, written last: Properties' own form without the date line it adds, so that the same soft targets
     * always give the same file (whether one job or several made them).
     */
    private static void writeInfo(Path dir, Info info) {
        try (var w = new StringWriter()) {
            info.toProperties().store(w, "soft targets: complete");
            String text = w.toString();
            int firstLine = text.indexOf('\n') + 1;
            int dateLine = text.indexOf('\n', firstLine) + 1;
            AtomicFiles.writeString(infoFile(dir), text.substring(0, firstLine) + text.substring(dateLine));
        } catch (IOException e) {
            throw new AmdException("cannot write " + infoFile(dir) + ": " + e.getMessage(), e);
        }
    }

    /** The header of a complete directory; its absence means a killed run. */
    public static Info readInfo(Path dir) {
        Path f = infoFile(dir);
        if (!Files.isDirectory(dir)) {
            throw new AmdException("soft-target directory " + dir + " does not exist (run compute-soft-targets)");
        }
        if (!Files.exists(f)) {
            throw new AmdException(dir + " holds no complete soft targets: " + f
                    + " is missing, so compute-soft-targets did not finish " + "(killed?); rerun it");
        }
        Properties p = new Properties();
        try (java.io.Reader in = Files.newBufferedReader(f)) {
            p.load(in);
        } catch (IOException e) {
            throw new AmdException("cannot read " + f + ": " + e.getMessage(), e);
        }
        return Info.fromProperties(p, f);
    }

    /**
     * Joins the soft targets of a data directory's splits (each a complete directory, as the jobs of a JOB=1:N array
     * write them) into {@code out}: the archives concatenated in the order given (Kaldi archives concatenate), the
     * scp's offsets moved past the parts before, one header with the counts summed. From a split's parts in job
     * order, targets.ark, targets.scp and info are byte for byte those of one job over the whole directory.
     */
    public static Info merge(List<Path> parts, Path out, String transferSet) throws IOException {
        if (parts.isEmpty()) {
            throw new AmdException("no soft-target directories to merge into " + out);
        }
        Info first = readInfo(parts.get(0));
        long utterances = 0;
        long frames = 0;
        for (Path part : parts) {
            Info i = readInfo(part);
            if (!sameTargets(i, first)) {
                throw new AmdException(part + " holds other soft targets than " + parts.get(0) + " (" + i + " against "
                        + first + "): the parts of one merge come from one teacher and one temperature");
            }
            utterances += i.utterances();
            frames += i.frames();
        }
        Files.createDirectories(out);
        Files.deleteIfExists(infoFile(out)); // incomplete until the header is written
        Path ark = out.resolve("targets.ark");
        Path tmpArk = AtomicFiles.tempBeside(ark);
        StringBuilder scp = new StringBuilder();
        try {
            long base = 0;
            for (Path part : parts) {
                Path partArk = part.resolve("targets.ark");
                for (String line : Files.readAllLines(part.resolve("targets.scp"))) {
                    scp.append(movedScpLine(line, part, base, ark)).append('\n');
                }
                try (var os = Files.newOutputStream(tmpArk, java.nio.file.StandardOpenOption.APPEND)) {
                    base += Files.copy(partArk, os);
                }
            }
            Files.move(tmpArk, ark, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmpArk);
        }
        AtomicFiles.writeString(out.resolve("targets.scp"), scp.toString());
        Info merged = new Info(
                first.temperature(),
                first.teacher(),
                first.inventory(),
                first.numClasses(),
                first.storage(),
                first.topK(),
                first.topKMode(),
                first.logits(),
                utterances,
                frames,
                transferSet);
        writeInfo(out, merged);
        return merged;
    }

    private static boolean sameTargets(Info a, Info b) {
        return a.temperature() == b.temperature()
                && a.teacher().equals(b.teacher())
                && a.inventory().equals(b.inventory())
                && a.numClasses() == b.numClasses()
                && a.storage() == b.storage()
                && a.topK() == b.topK()
                && a.topKMode().equals(b.topKMode())
                && a.logits() == b.logits();
    }

    /** A part's scp line "key part/targets.ark:offset" as the merged archive's "key out/targets.ark:offset+base". */
    private static String movedScpLine(String line, Path part, long base, Path ark) {
        int space = line.indexOf(' ');
        int colon = line.lastIndexOf(':');
        if (space <= 0 || colon < space) {
            throw new AmdException(part.resolve("targets.scp") + ": not an scp line 'key archive:offset': " + line);
        }
        String archive = line.substring(space + 1, colon);
        if (!Path.of(archive)
                .toAbsolutePath()
                .normalize()
                .equals(part.resolve("targets.ark").toAbsolutePath().normalize())) {
            throw new AmdException(part.resolve("targets.scp") + ": " + line.substring(0, space) + " is in " + archive
                    + ", not in " + part.resolve("targets.ark"));
        }
        try {
            long offset = Long.parseLong(line.substring(colon + 1));
            return line.substring(0, space) + " " + ark + ":" + (offset + base);
        } catch (NumberFormatException e) {
            throw new AmdException(part.resolve("targets.scp") + ": bad offset in line: " + line);
        }
    }

    static Posterior sparse(Matrix m) {
        int n = m.cols();
        int[][] ids = new int[m.rows()][];
        float[][] ws = new float[m.rows()][];
        float[] d = m.data();
        for (int t = 0; t < m.rows(); t++) {
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (d[t * n + i] != 0f) {
                    k++;
                }
            }
            ids[t] = new int[k];
            ws[t] = new float[k];
            k = 0;
            for (int i = 0; i < n; i++) {
                if (d[t * n + i] != 0f) {
                    ids[t][k] = i;
                    ws[t][k++] = d[t * n + i];
                }
            }
        }
        return new Posterior(ids, ws);
    }

    /** Reads a complete archive: the header first (its absence means a killed run), then entries by key. */
    public static final class Reader implements AutoCloseable {
        private final Path dir;
        private final Info info;
        private final RandomAccessReader<?> table;

        public Reader(Path dir) {
            this.dir = dir;
            this.info = readInfo(dir);
            KaldiCodec<?> codec =
                    switch (info.storage()) {
                        case FLOAT16 -> HalfMatrix.CODEC;
                        case SPARSE -> Posterior.CODEC;
                        case FLOAT32 -> Codecs.MATRIX;
                    };
            this.table = RandomAccessReader.open("scp:" + dir.resolve("targets.scp"), codec);
            if (table.keys().size() != info.utterances()) {
                throw new AmdException(
                        dir + ": targets.scp lists " + table.keys().size() + " utterances but the header says "
                                + info.utterances() + " (files changed after compute-soft-targets finished?)");
            }
        }

        public Info info() {
            return info;
        }

        public boolean contains(String key) {
            return table.contains(key);
        }

        public Set<String> keys() {
            return table.keys();
        }

        /** The stored targets of {@code key}, still compact. */
        public Rows get(String key) {
            Object v = table.get(key);
            int n = info.numClasses();
            if (v instanceof HalfMatrix h) {
                return rows(h.rows(), h.cols(), n, key, h::fillRow);
            }
            if (v instanceof Posterior p) {
                for (int[] ids : p.ids()) {
                    for (int id : ids) {
                        if (id < 0 || id >= n) {
                            throw new AmdException(
                                    dir + ": soft targets of " + key + " name class " + id + " outside 0.." + (n - 1));
                        }
                    }
                }
                return rows(p.numFrames(), n, n, key, (t, dst, off) -> p.fillDense(t, dst, off, n));
            }
            Matrix m = (Matrix) v;
            return rows(
                    m.rows(),
                    m.cols(),
                    n,
                    key,
                    (t, dst, off) -> System.arraycopy(m.data(), t * m.cols(), dst, off, m.cols()));
        }

        private interface RowFiller {
            void fill(int t, float[] dst, int off);
        }

        private Rows rows(int rows, int cols, int n, String key, RowFiller f) {
            if (cols != n) {
                throw new AmdException(
                        dir + ": soft targets of " + key + " have " + cols + " classes, the header says " + n);
            }
            return new Rows() {
                @Override
                public int rows() {
                    return rows;
                }

                @Override
                public void fill(int t, float[] dst, int off) {
                    f.fill(t, dst, off);
                }
            };
        }

        @Override
        public void close() {
            table.close();
        }
    }

    /** The header as name -> value, for provenance. */
    public static Map<String, String> describe(Info i) {
        Map<String, String> m = new LinkedHashMap<>();
        i.toProperties().forEach((k, v) -> m.put("soft-targets." + k, v.toString()));
        return m;
    }
}
