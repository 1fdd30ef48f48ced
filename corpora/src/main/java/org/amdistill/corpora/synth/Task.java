package org.amdistill.corpora.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.amdistill.core.cli.AmdException;

/**
 * What the corpus says: connected digit strings (TIDIGITS' vocabulary) or phonetically rich sentences from a small
 * grammar, with a lexicon in the CMU phone set (stress removed, flite's schwa "ax" folded into AH as CMUdict does).
 */
public enum Task {
    DIGITS, SENTENCES;

    /** Digit pronunciations as flite's t2p gives them. */
    static final Map<String, String> DIGIT_LEXICON = new LinkedHashMap<>();

    static {
        DIGIT_LEXICON.put("zero", "Z IH R OW");
        DIGIT_LEXICON.put("oh", "OW");
        DIGIT_LEXICON.put("one", "W AH N");
        DIGIT_LEXICON.put("two", "T UW");
        DIGIT_LEXICON.put("three", "TH R IY");
        DIGIT_LEXICON.put("four", "F AO R");
        DIGIT_LEXICON.put("five", "F AY V");
        DIGIT_LEXICON.put("six", "S IH K S");
        DIGIT_LEXICON.put("seven", "S EH V AH N");
        DIGIT_LEXICON.put("eight", "EY T");
        DIGIT_LEXICON.put("nine", "N AY N");
    }

    private static final String[][] SENTENCE_SLOTS = {
        {"the", "a", "this", "that", "every", "no"},
        {"young", "old", "quiet", "happy", "large", "cheap", "strange", "usual", "thin", "good", "bright", "yellow", "sharp", "loyal", "rough", "smooth", "lazy",
            "brave", "calm", "dark", "eager", "famous", "gentle", "heavy", "honest", "jolly", "kind", "little", "modern", "narrow", "noisy", "pale", "proud", "rich", "shy", "silent", "simple", "tired", "warm", "wise", "wooden", "busy", "golden", "clever", "tiny", "fresh", "frozen"},
        {"boy", "girl", "judge", "church", "book", "voice", "measure", "vision", "king", "farmer", "teacher", "mother", "father", "thought", "garage", "ship", "horse", "window", "bottle", "toy", "wood", "chair", "village", "treasure", "engine", "zebra",
            "baker", "captain", "doctor", "soldier", "sailor", "pilot", "nurse", "driver", "student", "painter", "neighbor", "uncle", "aunt", "cousin",
            "dog", "cat", "goat", "sheep", "tiger", "monkey", "rabbit", "mouse", "duck", "owl", "lion", "whale", "turtle", "pigeon",
            "basket", "blanket", "candle", "letter", "hammer", "ladder", "pencil", "pillow", "rope", "shovel", "spoon", "wagon", "violin", "jacket",
            "coin", "drum", "feather", "jewel", "lamp", "mirror", "puzzle", "ribbon", "saddle", "shoe", "umbrella", "needle", "beige"},
        {"saw", "found", "pushed", "wanted", "heard", "joined", "watched", "bought", "painted", "carried", "enjoyed", "measured", "thanked", "sang", "threw",
            "chased", "cleaned", "dropped", "fixed", "followed", "greeted", "hid", "kept", "lifted", "loved", "moved", "noticed", "opened", "packed",
            "played", "pulled", "raised", "shared", "showed", "sold", "taught", "touched", "visited", "washed", "weighed", "wrapped", "drew"},
        {"near", "behind", "under", "with", "beside", "through", "around", "above", "across", "along", "below", "beyond", "inside", "outside", "toward", "past"},
        {"house", "river", "kitchen", "mountain", "school", "garden", "bridge", "forest", "station", "road", "city", "valley", "shore", "tower",
            "harbor", "island", "market", "meadow", "museum", "office", "palace", "prison", "castle", "cottage", "desert", "factory", "hospital",
            "library", "temple", "tunnel", "airport", "barn", "beach", "canyon", "chapel", "courtyard", "lake"},
        {"yesterday", "quickly", "again", "today", "slowly", "early", "often", "together", "afterwards", "gladly", "loudly", "rarely", "softly", "suddenly", "tonight", "usually", "yearly"},
    };

    public List<String> vocabulary() {
        if (this == DIGITS) {
            return new ArrayList<>(DIGIT_LEXICON.keySet());
        }
        TreeSet<String> w = new TreeSet<>();
        for (String[] slot : SENTENCE_SLOTS) {
            w.addAll(List.of(slot));
        }
        return new ArrayList<>(w);
    }

    /** A random utterance: 1-7 digits, or a sentence from the grammar. */
    public String draw(Random rng) {
        StringBuilder sb = new StringBuilder();
        if (this == DIGITS) {
            List<String> words = vocabulary();
            int n = 1 + rng.nextInt(7);
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : " ").append(words.get(rng.nextInt(words.size())));
            }
            return sb.toString();
        }
        String[][] s = SENTENCE_SLOTS;
        // DET ADJ NOUN VERB DET NOUN PREP DET ADJ NOUN [ADV]
        sb.append(pick(s[0], rng)).append(' ').append(pick(s[1], rng)).append(' ').append(pick(s[2], rng)).append(' ')
                .append(pick(s[3], rng)).append(' ').append(pick(s[0], rng)).append(' ').append(pick(s[2], rng));
        if (rng.nextBoolean()) {
            sb.append(' ').append(pick(s[4], rng)).append(' ').append(pick(s[0], rng)).append(' ').append(pick(s[1], rng)).append(' ').append(pick(s[5], rng));
        }
        if (rng.nextInt(3) == 0) {
            sb.append(' ').append(pick(s[6], rng));
        }
        return sb.toString();
    }

    private static String pick(String[] a, Random rng) {
        return a[rng.nextInt(a.length)];
    }

    /** Maps a flite/CMU phone label to the lexicon's phone set. */
    public static String cmuPhone(String p) {
        String s = p.replaceAll("[0-9]", "").toUpperCase(Locale.ROOT);
        return switch (s) {
            case "AX" -> "AH";
            case "PAU", "H#", "SIL" -> "SIL";
            default -> s;
        };
    }

    /** Pronunciations of the vocabulary: built in for digits; flite's t2p, else CMUdict, for sentences. */
    public Map<String, String> lexicon(String oovWord) throws IOException {
        if (this == DIGITS) {
            return new LinkedHashMap<>(DIGIT_LEXICON);
        }
        Map<String, String> lex = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        Map<String, String> cmudict = null;
        for (String w : vocabulary()) {
            String pron = null;
            if (Programs.onPath("t2p")) {
                StringBuilder sb = new StringBuilder();
                for (String p : Programs.run(List.of("t2p", w)).strip().split("\\s+")) {
                    String c = cmuPhone(p);
                    if (!c.equals("SIL") && !c.isEmpty()) {
                        sb.append(sb.length() == 0 ? "" : " ").append(c);
                    }
                }
                pron = sb.toString();
            } else {
                if (cmudict == null) {
                    cmudict = readCmudict();
                }
                pron = cmudict.get(w);
            }
            if (pron == null || pron.isEmpty()) {
                missing.add(w);
            } else {
                lex.put(w, pron);
            }
        }
        if (!missing.isEmpty() && oovWord == null) {
            throw new AmdException("no pronunciation for " + missing.size() + " word(s): " + String.join(" ", missing)
                    + " (install flite for t2p, or pocketsphinx-en-us for CMUdict, or give --oov-word=<unk>)");
        }
        return lex;
    }

    private static Map<String, String> readCmudict() throws IOException {
        Path p = Path.of("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");
        Map<String, String> m = new LinkedHashMap<>();
        if (!Files.exists(p)) {
            return m;
        }
        for (String line : Files.readAllLines(p)) {
            String[] f = line.strip().split("\\s+", 2);
            if (f.length == 2 && !f[0].contains("(")) {
                StringBuilder sb = new StringBuilder();
                for (String ph : f[1].split("\\s+")) {
                    sb.append(sb.length() == 0 ? "" : " ").append(cmuPhone(ph));
                }
                m.put(f[0], sb.toString());
            }
        }
        return m;
    }
}
