package org.amdistill.corpora.synth;

import com.sun.speech.freetts.en.us.CMULexicon;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Pronunciations in the project's phone set from the CMU pronouncing dictionary (version 0.4) and CMU's
 * letter-to-sound rules, both carried by the FreeTTS jar (a Maven dependency), so that no system package is needed.
 * It is the data flite's {@code t2p} reads: on the synthetic tasks' 257 words the two agree except on "a", where
 * t2p, given the word alone, spells the letter (EY) and this gives AH, as flite itself says it in a sentence and as
 * CMUdict's first entry has it. The phone set is CMUdict's 39 phones without stress; flite's schwa AX is AH, as
 * CMUdict writes it.
 */
public final class CmuLexicon {
    /** The 39 phones of CMUdict (stress removed): the phone set of every synthetic lexicon. */
    public static final Set<String> PHONES = Set.of(
            "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH", "IY",
            "JH", "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z",
            "ZH");

    /** FreeTTS's resource base name of CMUdict 0.4 (its kevin voice reads the older "cmulex"). */
    static final String DICTIONARY = "cmudict04";

    private static CMULexicon lexicon;

    /** A word's phones, and whether they came from the letter-to-sound rules rather than the dictionary. */
    public record Pronunciation(String phones, boolean fromRules) {}

    private CmuLexicon() {}

    private static synchronized CMULexicon lexicon() throws IOException {
        if (lexicon == null) {
            CMULexicon l = new CMULexicon(DICTIONARY);
            l.load();
            lexicon = l;
        }
        return lexicon;
    }

    /** {@code word}'s pronunciation: CMUdict's entry, else the letter-to-sound rules'; null if neither gives one. */
    public static synchronized Pronunciation lookup(String word) throws IOException {
        String w = word.toLowerCase(Locale.ROOT);
        String[] phones = lexicon().getPhones(w, null, false);
        boolean fromRules = phones == null;
        if (fromRules) {
            phones = lexicon().getPhones(w, null, true);
        }
        if (phones == null) {
            return null;
        }
        List<String> mapped = new ArrayList<>();
        for (String p : phones) {
            String c = toPhoneSet(p);
            if (!c.equals("SIL")) {
                mapped.add(c);
            }
        }
        return mapped.isEmpty() ? null : new Pronunciation(String.join(" ", mapped), fromRules);
    }

    /**
     * Every word of the dictionary (CMUdict 0.4 as FreeTTS compiled it: about 105,000 words), in lower case, sorted
     * and without repeats: a word listed under several parts of speech (e.g. "read" as noun and verb) is one word.
     * Read from the same jar resource the lexicon is loaded from, so {@link #lookup} knows each of them.
     */
    public static List<String> dictionaryWords() throws IOException {
        String resource = DICTIONARY + "_compiled.txt";
        java.util.TreeSet<String> words = new java.util.TreeSet<>();
        try (java.io.InputStream in = CMULexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the FreeTTS jar has no " + resource + " beside " + CMULexicon.class.getName());
            }
            java.io.BufferedReader r = new java.io.BufferedReader(
                    new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.ISO_8859_1));
            for (String line; (line = r.readLine()) != null; ) {
                int tab = line.indexOf('\t');
                // "***" lines are the dump's comments; the key is the word and one part-of-speech character
                if (line.startsWith("***") || tab < 2) {
                    continue;
                }
                words.add(line.substring(0, tab - 1).toLowerCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(words);
    }

    /** Maps a flite/FreeTTS/CMUdict phone label (any case, a trailing stress digit) to the lexicon's phone set; pauses are SIL. */
    public static String toPhoneSet(String label) {
        int end = label.length();
        while (end > 0 && Character.isDigit(label.charAt(end - 1))) {
            end--;
        }
        String s = label.substring(0, end).toUpperCase(Locale.ROOT);
        return switch (s) {
            case "AX" -> "AH";
            case "PAU", "H#", "SIL" -> "SIL";
            default -> s;
        };
    }
}
