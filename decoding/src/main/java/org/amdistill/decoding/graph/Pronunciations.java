package org.amdistill.decoding.graph;

import java.util.ArrayList;
import java.util.List;
import org.amdistill.dataprep.lang.Lexicon;

/**
 * What the decoding graph is built from: (word, pronunciation probability, phones) in order. The lexicon files are
 * read in one place, {@link Lexicon}; this is the graph's flat view of one, or of a phone loop (phone recognition),
 * which has no lexicon file.
 */
public record Pronunciations(List<Entry> entries) {
    public record Entry(String word, double prob, List<String> phones) {}

    /** Every pronunciation of the lexicon, in its order, each with probability 1. */
    public static Pronunciations of(Lexicon lexicon) {
        List<Entry> es = new ArrayList<>();
        lexicon.entries().forEach((w, prons) -> prons.forEach(p -> es.add(new Entry(w, 1.0, p))));
        return new Pronunciations(es);
    }
}
