package org.amdistill.dataprep.datadir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.amdistill.dataprep.cli.AmdException;
import org.amdistill.dataprep.table.ScpFile;

/**
 * A Kaldi data directory: {@code wav.scp}, {@code text}, {@code utt2spk}, {@code spk2utt} and the optional
 * {@code segments}, {@code utt2dur}, {@code reco2dur}, {@code feats.scp}, {@code cmvn.scp}. Maps are kept sorted in
 * C-locale (byte) order, as Kaldi's tools require; files are written atomically.
 */
public final class DataDir {
    public final Map<String, String> wavScp = new TreeMap<>();
    public final Map<String, String> text = new TreeMap<>();
    public final Map<String, String> utt2spk = new TreeMap<>();
    public final Map<String, String> segments = new TreeMap<>();
    public final Map<String, String> utt2dur = new TreeMap<>();

    /** spk2utt derived from utt2spk. */
    public Map<String, List<String>> spk2utt() {
        Map<String, List<String>> m = new TreeMap<>();
        utt2spk.forEach((u, s) -> m.computeIfAbsent(s, k -> new ArrayList<>()).add(u));
        return m;
    }

    public static DataDir read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new AmdException("data directory " + dir + " does not exist");
        }
        DataDir d = new DataDir();
        load(dir.resolve("wav.scp"), d.wavScp, true);
        load(dir.resolve("text"), d.text, false);
        load(dir.resolve("utt2spk"), d.utt2spk, true);
        load(dir.resolve("segments"), d.segments, false);
        load(dir.resolve("utt2dur"), d.utt2dur, false);
        return d;
    }

    private static void load(Path file, Map<String, String> into, boolean required) {
        if (!Files.exists(file)) {
            if (required) {
                throw new AmdException("data directory " + file.getParent() + " has no " + file.getFileName());
            }
            return;
        }
        for (ScpFile.ScpLine l : ScpFile.read(file.toString(), false)) {
            if (into.put(l.key(), l.value()) != null) {
                throw new AmdException(l.where() + ": duplicate key '" + l.key() + "'");
            }
        }
    }

    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            writeMap(dir.resolve("wav.scp"), wavScp);
            if (!text.isEmpty()) {
                writeMap(dir.resolve("text"), text);
            }
            writeMap(dir.resolve("utt2spk"), utt2spk);
            Map<String, String> s2u = new LinkedHashMap<>();
            spk2utt().forEach((s, us) -> s2u.put(s, String.join(" ", us)));
            writeMap(dir.resolve("spk2utt"), s2u);
            if (!segments.isEmpty()) {
                writeMap(dir.resolve("segments"), segments);
            }
            if (!utt2dur.isEmpty()) {
                writeMap(dir.resolve("utt2dur"), utt2dur);
            }
        } catch (IOException e) {
            throw new AmdException("cannot write data directory " + dir + ": " + e.getMessage());
        }
    }

    /** Writes {@code key value} lines atomically (temporary file, then rename). */
    public static void writeMap(Path file, Map<String, String> m) throws IOException {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(k).append(v.isEmpty() ? "" : " " + v).append('\n'));
        writeAtomically(file, sb.toString());
    }

    public static void writeAtomically(Path file, String content) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
