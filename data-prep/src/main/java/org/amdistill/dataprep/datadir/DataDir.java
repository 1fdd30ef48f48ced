package org.amdistill.dataprep.datadir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.table.ScpFile;

/**
 * A Kaldi data directory: {@code wav.scp}, {@code text}, {@code utt2spk}, {@code spk2utt} and the optional tables
 * listed in {@link #TABLES} ({@code segments}, {@code utt2dur}, {@code reco2dur}, {@code feats.scp},
 * {@code cmvn.scp}, ...). Maps are kept sorted in C-locale (byte) order, as Kaldi's tools require; files are written
 * atomically. {@code spk2utt} is not stored: it is derived from {@code utt2spk} ({@link #spk2utt()}), as Kaldi's
 * fix_data_dir.sh regards it.
 */
public final class DataDir {
    /** What a table of a data directory is keyed by. */
    public enum Index {
        UTTERANCE,
        RECORDING,
        SPEAKER
    }

    /**
     * Every table file this class knows, in the order they are written, and what each is keyed by. {@code wav.scp}
     * is keyed by recording, which is the utterance when there is no {@code segments} file (see {@link #indexOf}).
     */
    public static final Map<String, Index> TABLES;

    static {
        Map<String, Index> t = new LinkedHashMap<>();
        for (String u : List.of(
                "utt2spk",
                "text",
                "segments",
                "feats.scp",
                "utt2dur",
                "utt2num_frames",
                "utt2lang",
                "utt2uniq",
                "utt2warp",
                "vad.scp")) {
            t.put(u, Index.UTTERANCE);
        }
        for (String r : List.of("wav.scp", "reco2dur", "reco2file_and_channel")) {
            t.put(r, Index.RECORDING);
        }
        for (String s : List.of("cmvn.scp", "spk2gender", "spk2warp")) {
            t.put(s, Index.SPEAKER);
        }
        TABLES = Collections.unmodifiableMap(t);
    }

    /** What the table {@code name} is keyed by in a directory with or without a segments file; null if unknown. */
    public static Index indexOf(String name, boolean hasSegments) {
        Index i = TABLES.get(name);
        return i == Index.RECORDING && !hasSegments ? Index.UTTERANCE : i;
    }

    /**
     * C-locale ({@code LC_ALL=C sort}) order: by the bytes of the UTF-8 encoding, which is the order of code points
     * (Java's {@code String.compareTo} compares UTF-16 units, which differs for characters past U+FFFF).
     */
    public static final Comparator<String> C_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

    private final Map<String, Map<String, String>> tables = new LinkedHashMap<>();

    public final Map<String, String> wavScp = table("wav.scp");
    public final Map<String, String> text = table("text");
    public final Map<String, String> utt2spk = table("utt2spk");
    public final Map<String, String> segments = table("segments");
    public final Map<String, String> utt2dur = table("utt2dur");
    public final Map<String, String> reco2dur = table("reco2dur");
    public final Map<String, String> featsScp = table("feats.scp");
    public final Map<String, String> cmvnScp = table("cmvn.scp");

    /** The table {@code name} (one of {@link #TABLES}), empty if the directory has no such file; modifiable. */
    public Map<String, String> table(String name) {
        if (!TABLES.containsKey(name)) {
            throw new IllegalArgumentException("not a data-directory table: " + name);
        }
        return tables.computeIfAbsent(name, k -> new TreeMap<>(C_ORDER));
    }

    public boolean hasSegments() {
        return !segments.isEmpty();
    }

    /** spk2utt derived from utt2spk: speakers and their utterances, both in C order. */
    public Map<String, List<String>> spk2utt() {
        Map<String, List<String>> m = new TreeMap<>(C_ORDER);
        utt2spk.forEach((u, s) -> m.computeIfAbsent(s, k -> new ArrayList<>()).add(u));
        return m;
    }

    /** The recording of each utterance: the second field of its segments line, or the utterance itself. */
    public String recordingOf(String utt) {
        if (!hasSegments()) {
            return utt;
        }
        String seg = segments.get(utt);
        return seg == null ? null : seg.split("\\s+", 2)[0];
    }

    /**
     * The directory with only the utterances {@code utts} (which must be in utt2spk): every per-utterance table
     * filtered by utterance, the per-recording ones by the recordings of those utterances, the per-speaker ones
     * ({@code cmvn.scp}, ...) by their speakers.
     */
    public DataDir restrictTo(Collection<String> utts) {
        boolean seg = hasSegments();
        Set<String> keepUtts = new HashSet<>(utts);
        Set<String> recos = new HashSet<>();
        Set<String> spks = new HashSet<>();
        for (String u : keepUtts) {
            String s = utt2spk.get(u);
            if (s == null) {
                throw new IllegalArgumentException("utterance '" + u + "' is not in utt2spk");
            }
            spks.add(s);
            String r = recordingOf(u);
            if (r != null) {
                recos.add(r);
            }
        }
        DataDir out = new DataDir();
        tables.forEach((name, m) -> {
            Set<String> keep =
                    switch (indexOf(name, seg)) {
                        case UTTERANCE -> keepUtts;
                        case RECORDING -> recos;
                        case SPEAKER -> spks;
                    };
            Map<String, String> into = out.table(name);
            m.forEach((k, v) -> {
                if (keep.contains(k)) {
                    into.put(k, v);
                }
            });
        });
        return out;
    }

    /** Reads a data directory; it must have utt2spk and wav.scp, and a key twice in one file is an error. */
    public static DataDir read(Path dir) {
        DataDir d = load(dir, null);
        if (!Files.exists(dir.resolve("wav.scp"))) {
            throw new AmdException("data directory " + dir + " has no wav.scp");
        }
        return d;
    }

    /**
     * Reads every table of {@link #TABLES} that the directory has (it must have utt2spk). With {@code dropped} null a
     * key twice in one file is an error; otherwise the first line of the key is kept and each later one is noted there
     * (as {@code LC_ALL=C sort -k1,1 -u} does in fix_data_dir.sh).
     */
    public static DataDir load(Path dir, List<String> dropped) {
        if (!Files.isDirectory(dir)) {
            throw new AmdException("data directory " + dir + " does not exist");
        }
        if (!Files.exists(dir.resolve("utt2spk"))) {
            throw new AmdException("data directory " + dir + " has no utt2spk");
        }
        DataDir d = new DataDir();
        for (String name : TABLES.keySet()) {
            List<ScpFile.ScpLine> lines = lines(dir, name);
            if (lines == null) {
                continue;
            }
            Map<String, String> into = d.table(name);
            for (ScpFile.ScpLine l : lines) {
                if (into.containsKey(l.key())) {
                    if (dropped == null) {
                        throw new AmdException(l.where() + ": duplicate key '" + l.key() + "'");
                    }
                    dropped.add(l.where() + ": dropped a second line for '" + l.key() + "'");
                } else {
                    into.put(l.key(), l.value());
                }
            }
        }
        return d;
    }

    /** The lines of {@code dir/name} in file order (values may be empty), or null if there is no such file. */
    public static List<ScpFile.ScpLine> lines(Path dir, String name) {
        Path file = dir.resolve(name);
        return Files.exists(file) ? ScpFile.read(file.toString(), false) : null;
    }

    /** The first field of each line of a list file (an utterance or speaker list), in file order. */
    public static List<String> readList(Path file) {
        if (!Files.exists(file)) {
            throw new AmdException("list file " + file + " does not exist");
        }
        List<String> ids = new ArrayList<>();
        for (ScpFile.ScpLine l : ScpFile.read(file.toString(), false)) {
            ids.add(l.key());
        }
        return ids;
    }

    /**
     * Writes utt2spk, spk2utt (derived) and every other non-empty table, each atomically. Tables that are empty
     * here are not written (a file of that name already in {@code dir} is left as it is).
     */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String name : TABLES.keySet()) {
                Map<String, String> m = tables.get(name);
                if (name.equals("utt2spk") || (m != null && !m.isEmpty())) {
                    writeMap(dir.resolve(name), m == null ? Map.of() : m);
                }
            }
            Map<String, String> s2u = new LinkedHashMap<>();
            spk2utt().forEach((s, us) -> s2u.put(s, String.join(" ", us)));
            writeMap(dir.resolve("spk2utt"), s2u);
        } catch (IOException e) {
            throw new AmdException("cannot write data directory " + dir + ": " + e.getMessage());
        }
    }

    /** The tables this directory has (non-empty), in {@link #TABLES} order. */
    public List<String> present() {
        List<String> p = new ArrayList<>();
        for (String name : TABLES.keySet()) {
            Map<String, String> m = tables.get(name);
            if (m != null && !m.isEmpty()) {
                p.add(name);
            }
        }
        return p;
    }

    /** Speakers of utt2spk in C order. */
    public Set<String> speakers() {
        Set<String> s = new TreeSet<>(C_ORDER);
        s.addAll(utt2spk.values());
        return s;
    }

    /** Writes {@code key value} lines atomically (temporary file, then rename). */
    public static void writeMap(Path file, Map<String, String> m) throws IOException {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(k).append(v.isEmpty() ? "" : " " + v).append('\n'));
        AtomicFiles.writeString(file, sb.toString());
    }
}
