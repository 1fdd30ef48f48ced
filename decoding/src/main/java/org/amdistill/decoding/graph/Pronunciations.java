package org.amdistill.decoding.graph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.amdistill.core.cli.AmdException;

/**
 * The lexicon the decoding graph is built from: word, pronunciation probability and phones. Read from Kaldi's
 * {@code lexicon.txt} (word phones...) or {@code lexiconp.txt} (word prob phones...).
 */
public record Pronunciations(List<Entry> entries) {
    public record Entry(String word, double prob, List<String> phones) {
    }

    public static Pronunciations read(Path file, boolean withProbs) {
        List<Entry> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new AmdException("cannot read lexicon " + file + ": " + e.getMessage());
        }
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (s.isEmpty()) {
                continue;
            }
            String[] f = s.split("\\s+");
            int first = withProbs ? 2 : 1;
            if (f.length < first) {
                throw new AmdException(file + ":" + (i + 1) + ": expected 'word " + (withProbs ? "prob " : "") + "phones...', got '" + s + "'");
            }
            double prob = 1.0;
            if (withProbs) {
                try {
                    prob = Double.parseDouble(f[1]);
                } catch (NumberFormatException e) {
                    throw new AmdException(file + ":" + (i + 1) + ": pronunciation probability '" + f[1] + "' is not a number");
                }
                if (!(prob > 0 && prob <= 1.0 + 1e-6)) {
                    throw new AmdException(file + ":" + (i + 1) + ": pronunciation probability " + prob + " outside (0, 1]");
                }
            }
            List<String> phones = new ArrayList<>();
            for (int k = first; k < f.length; k++) {
                phones.add(f[k]);
            }
            out.add(new Entry(f[0], prob, phones));
        }
        return new Pronunciations(out);
    }
}
