package org.amdistill.decoding.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.table.ScpFile;
import org.amdistill.core.table.Specifier;

/**
 * Kaldi {@code text} tables (utterance id, then words), read as Kaldi's token-vector readers read a text archive:
 * the words are the whitespace-separated tokens after the key; a key alone is an empty transcript. Order is kept.
 */
public final class Transcripts {
    private Transcripts() {
    }

    /** Reads {@code ark:FILE} (or a plain file name) into utterance -> words, in file order. */
    public static Map<String, List<String>> read(String rspecifierOrFile) {
        String file = rspecifierOrFile;
        if (rspecifierOrFile.contains(":") && rspecifierOrFile.matches("^[a-z,]+:.*")) {
            Specifier s = Specifier.parseRead(rspecifierOrFile);
            if (!s.archive()) {
                throw new AmdException("'" + rspecifierOrFile + "': only text archives (ark:FILE) of transcripts are supported");
            }
            file = s.file();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ScpFile.ScpLine line : ScpFile.read(file, false)) {
            List<String> words = line.value().isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(line.value().split("\\s+")));
            if (out.put(line.key(), words) != null) {
                throw new AmdException(line.where() + ": duplicate utterance id '" + line.key() + "'");
            }
        }
        return out;
    }

    /** Writes Kaldi text lines for the keys of {@code order} that {@code m} holds (atomically). */
    public static void write(java.nio.file.Path file, List<String> order, Map<String, List<String>> m) throws java.io.IOException {
        List<String> lines = new ArrayList<>();
        for (String k : order) {
            List<String> w = m.get(k);
            if (w != null) {
                lines.add(w.isEmpty() ? k : k + " " + String.join(" ", w));
            }
        }
        AtomicFiles.writeLines(file, lines);
    }

    /**
     * Maps every word through {@code map} (e.g. TIMIT's 61 phones to 39): a line "from to" maps, a line "from"
     * alone deletes; words not in the map are kept.
     */
    public static Map<String, List<String>> mapped(Map<String, List<String>> in, java.nio.file.Path mapFile) {
        Map<String, String> map = new java.util.HashMap<>();
        for (ScpFile.ScpLine l : ScpFile.read(mapFile.toString(), false)) {
            map.put(l.key(), l.value().isEmpty() ? null : l.value().split("\\s+")[0]);
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : in.entrySet()) {
            List<String> w = new ArrayList<>();
            for (String x : e.getValue()) {
                if (!map.containsKey(x)) {
                    w.add(x);
                } else if (map.get(x) != null) {
                    w.add(map.get(x));
                }
            }
            out.put(e.getKey(), w);
        }
        return out;
    }
}
