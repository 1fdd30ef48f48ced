package org.amdistill.recipes.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The voices and TTS engines a synthetic corpus was made with ({@code voices.csv} of {@code synth-corpus}), so that
 * a result says what made its data: results of the pure-Java path (FreeTTS alone, where Debian's flite and espeak-ng
 * were not installed) are not comparable with those of all 21 voices.
 */
public final class CorpusVoices {
    private final Map<String, List<String>> voicesBySplit;
    private final Set<String> engines;

    private CorpusVoices(Map<String, List<String>> voicesBySplit, Set<String> engines) {
        this.voicesBySplit = voicesBySplit;
        this.engines = engines;
    }

    public static CorpusVoices read(Path voicesCsv) {
        CsvTable t = CsvTable.read(voicesCsv);
        for (String col : List.of("voice", "engine", "split")) {
            if (!t.has(col)) {
                throw new org.amdistill.core.cli.AmdException(voicesCsv + ": missing column '" + col + "'");
            }
        }
        Map<String, List<String>> bySplit = new TreeMap<>();
        TreeSet<String> engines = new TreeSet<>();
        for (int i = 0; i < t.size(); i++) {
            bySplit.computeIfAbsent(t.get(i, "split"), k -> new ArrayList<>()).add(t.get(i, "voice"));
            engines.add(t.get(i, "engine"));
        }
        return new CorpusVoices(bySplit, engines);
    }

    /** Whether the corpus was made by FreeTTS alone: the path that needs nothing but a JDK. */
    public boolean pureJava() {
        return engines.equals(new TreeSet<>(List.of("freetts")));
    }

    /** One sentence on the corpus's voices and engines, saying so when it is the pure-Java corpus. */
    public String summary() {
        int n = voicesBySplit.values().stream().mapToInt(List::size).sum();
        StringBuilder s =
                new StringBuilder("Synthetic corpus of " + n + " voices from " + String.join(", ", engines) + ": ");
        List<String> parts = new ArrayList<>();
        for (String split : List.of("train", "dev", "test")) {
            List<String> v = voicesBySplit.getOrDefault(split, List.of());
            parts.add(split + " " + String.join(" ", v));
        }
        s.append(String.join("; ", parts)).append('.');
        if (pureJava()) {
            s.append(
                    " Made on the pure-Java path (FreeTTS alone: Debian's flite and espeak-ng were not installed), so these results are"
                            + " not comparable with a run of all 21 voices, and there are no TTS phone timings to score alignments against.");
        }
        return s.toString();
    }

    public String markdown() {
        return "## Data\n\n" + summary() + "\n";
    }
}
