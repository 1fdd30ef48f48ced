package org.amdistill.core.table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;

/**
 * Kaldi {@code text} tables (utterance id, then words), read as Kaldi's token-vector readers read a text archive:
 * the words are the whitespace-separated tokens after the key; a key alone is an empty transcript. Order is kept.
 */
public final class Transcripts {
    private Transcripts() {}

    /** Reads {@code ark:FILE} (or a plain file name) into utterance -> words, in file order. */
    public static Map<String, List<String>> read(String rspecifierOrFile) {
        String file = rspecifierOrFile;
        if (rspecifierOrFile.contains(":") && rspecifierOrFile.matches("^[a-z,]+:.*")) {
            Specifier s = Specifier.parseRead(rspecifierOrFile);
            if (!s.archive()) {
                throw new AmdException(
                        "'" + rspecifierOrFile + "': only text archives (ark:FILE) of transcripts are supported");
            }
            file = s.file();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ScpFile.ScpLine line : ScpFile.read(file, false)) {
            List<String> words = line.value().isEmpty()
                    ? List.of()
                    : new ArrayList<>(Arrays.asList(line.value().split("\\s+")));
            if (out.put(line.key(), words) != null) {
                throw new AmdException(line.where() + ": duplicate utterance id '" + line.key() + "'");
            }
        }
        return out;
    }

    /** Writes Kaldi text lines for the keys of {@code order} that {@code m} holds (atomically). */
    public static void write(Path file, List<String> order, Map<String, List<String>> m) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String k : order) {
            List<String> w = m.get(k);
            if (w != null) {
                lines.add(w.isEmpty() ? k : k + " " + String.join(" ", w));
            }
        }
        AtomicFiles.writeLines(file, lines);
    }
}
