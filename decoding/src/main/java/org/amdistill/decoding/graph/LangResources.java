package org.amdistill.decoding.graph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.amdistill.dataprep.cli.AmdException;

/**
 * What the decoding graph needs from a Kaldi lang directory: the lexicon (lexiconp.txt, lexicon.txt,
 * phones/align_lexicon.txt, or ../local/dict/lexicon*.txt, in that order) and the optional silence phone
 * (phones/optional_silence.txt).
 */
public record LangResources(Pronunciations lexicon, String optionalSilence, Path lexiconFile) {
    public static LangResources read(Path lang) {
        if (!Files.isDirectory(lang)) {
            throw new AmdException("lang directory " + lang + " does not exist");
        }
        Pronunciations lex = null;
        Path used = null;
        Path dict = lang.toAbsolutePath().getParent() == null ? null : lang.toAbsolutePath().getParent().resolve("local/dict");
        List<Object[]> candidates = new ArrayList<>();
        candidates.add(new Object[] {lang.resolve("lexiconp.txt"), true});
        candidates.add(new Object[] {lang.resolve("lexicon.txt"), false});
        candidates.add(new Object[] {lang.resolve("phones/align_lexicon.txt"), null});
        if (dict != null) {
            candidates.add(new Object[] {dict.resolve("lexiconp.txt"), true});
            candidates.add(new Object[] {dict.resolve("lexicon.txt"), false});
        }
        for (Object[] c : candidates) {
            Path p = (Path) c[0];
            if (Files.exists(p)) {
                used = p;
                if (c[1] == null) {
                    // align_lexicon: "word word phones..."
                    Pronunciations raw = Pronunciations.read(p, false);
                    List<Pronunciations.Entry> es = new ArrayList<>();
                    for (Pronunciations.Entry e : raw.entries()) {
                        es.add(new Pronunciations.Entry(e.word(), 1.0, e.phones().isEmpty() ? e.phones() : e.phones().subList(1, e.phones().size())));
                    }
                    lex = new Pronunciations(es);
                } else {
                    lex = Pronunciations.read(p, (Boolean) c[1]);
                }
                break;
            }
        }
        if (lex == null) {
            throw new AmdException("lang directory " + lang + ": no lexicon (looked for lexiconp.txt, lexicon.txt, phones/align_lexicon.txt, ../local/dict/lexicon.txt)");
        }
        // Kaldi's lexicons list <eps>-like entries for silence words (e.g. "!SIL sil"): those stay as words
        String sil = null;
        Path os = lang.resolve("phones/optional_silence.txt");
        if (Files.exists(os)) {
            try {
                String s = Files.readString(os).strip();
                sil = s.isEmpty() ? null : s.split("\\s+")[0];
            } catch (IOException e) {
                throw new AmdException("cannot read " + os + ": " + e.getMessage());
            }
        }
        return new LangResources(lex, sil, used);
    }
}
