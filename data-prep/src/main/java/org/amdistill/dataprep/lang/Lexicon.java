package org.amdistill.dataprep.lang;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.Utf8Lines;

/** A pronunciation lexicon: {@code lexicon.txt} ({@code word p1 p2 ...}) or {@code lexiconp.txt} (with a probability). */
public final class Lexicon {
    private final Map<String, List<List<String>>> prons = new LinkedHashMap<>();

    public void add(String word, List<String> phones) {
        prons.computeIfAbsent(word, k -> new ArrayList<>()).add(List.copyOf(phones));
    }

    public boolean contains(String word) {
        return prons.containsKey(word);
    }

    /** All pronunciations of {@code word}; an error naming the word if it has none. */
    public List<List<String>> pronunciations(String word) {
        List<List<String>> p = prons.get(word);
        if (p == null) {
            throw new AmdException("word '" + word + "' is not in the lexicon");
        }
        return p;
    }

    public Map<String, List<List<String>>> entries() {
        return prons;
    }

    public static Lexicon read(Path file) {
        boolean withProb = file.getFileName().toString().equals("lexiconp.txt");
        Lexicon lex = new Lexicon();
        List<String> lines = Utf8Lines.readAll(file);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty()) {
                continue;
            }
            String[] f = l.split("\\s+");
            int first = withProb ? 2 : 1;
            if (f.length <= first) {
                throw new AmdException(file + ":" + (i + 1) + ": word '" + f[0] + "' has no phones");
            }
            if (withProb) {
                try {
                    Double.parseDouble(f[1]);
                } catch (NumberFormatException e) {
                    throw new AmdException(
                            file + ":" + (i + 1) + ": expected a probability after '" + f[0] + "', got '" + f[1] + "'");
                }
            }
            lex.add(f[0], List.of(f).subList(first, f.length));
        }
        return lex;
    }

    public String toText() {
        StringBuilder sb = new StringBuilder();
        prons.forEach((w, ps) -> ps.forEach(
                p -> sb.append(w).append(' ').append(String.join(" ", p)).append('\n')));
        return sb.toString();
    }
}
