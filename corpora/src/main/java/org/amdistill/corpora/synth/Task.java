package org.amdistill.corpora.synth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.amdistill.core.cli.AmdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the corpus says: connected digit strings (TIDIGITS' vocabulary) or phonetically rich sentences from a small
 * grammar, with a lexicon in the CMU phone set ({@link CmuLexicon}).
 */
public enum Task {
    DIGITS,
    SENTENCES;

    private static final Logger LOG = LoggerFactory.getLogger(Task.class);

    /** TIDIGITS' vocabulary. */
    static final List<String> DIGITS_VOCABULARY =
            List.of("zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

    private static final String[][] SENTENCE_SLOTS = {
        {"the", "a", "this", "that", "every", "no"},
        {
            "young", "old", "quiet", "happy", "large", "cheap", "strange", "usual", "thin", "good", "bright", "yellow",
            "sharp", "loyal", "rough", "smooth", "lazy", "brave", "calm", "dark", "eager", "famous", "gentle", "heavy",
            "honest", "jolly", "kind", "little", "modern", "narrow", "noisy", "pale", "proud", "rich", "shy", "silent",
            "simple", "tired", "warm", "wise", "wooden", "busy", "golden", "clever", "tiny", "fresh", "frozen"
        },
        {
            "boy",
            "girl",
            "judge",
            "church",
            "book",
            "voice",
            "measure",
            "vision",
            "king",
            "farmer",
            "teacher",
            "mother",
            "father",
            "thought",
            "garage",
            "ship",
            "horse",
            "window",
            "bottle",
            "toy",
            "wood",
            "chair",
            "village",
            "treasure",
            "engine",
            "zebra",
            "baker",
            "captain",
            "doctor",
            "soldier",
            "sailor",
            "pilot",
            "nurse",
            "driver",
            "student",
            "painter",
            "neighbor",
            "uncle",
            "aunt",
            "cousin",
            "dog",
            "cat",
            "goat",
            "sheep",
            "tiger",
            "monkey",
            "rabbit",
            "mouse",
            "duck",
            "owl",
            "lion",
            "whale",
            "turtle",
            "pigeon",
            "basket",
            "blanket",
            "candle",
            "letter",
            "hammer",
            "ladder",
            "pencil",
            "pillow",
            "rope",
            "shovel",
            "spoon",
            "wagon",
            "violin",
            "jacket",
            "coin",
            "drum",
            "feather",
            "jewel",
            "lamp",
            "mirror",
            "puzzle",
            "ribbon",
            "saddle",
            "shoe",
            "umbrella",
            "needle",
            "beige"
        },
        {
            "saw",
            "found",
            "pushed",
            "wanted",
            "heard",
            "joined",
            "watched",
            "bought",
            "painted",
            "carried",
            "enjoyed",
            "measured",
            "thanked",
            "sang",
            "threw",
            "chased",
            "cleaned",
            "dropped",
            "fixed",
            "followed",
            "greeted",
            "hid",
            "kept",
            "lifted",
            "loved",
            "moved",
            "noticed",
            "opened",
            "packed",
            "played",
            "pulled",
            "raised",
            "shared",
            "showed",
            "sold",
            "taught",
            "touched",
            "visited",
            "washed",
            "weighed",
            "wrapped",
            "drew"
        },
        {
            "near", "behind", "under", "with", "beside", "through", "around", "above", "across", "along", "below",
            "beyond", "inside", "outside", "toward", "past"
        },
        {
            "house",
            "river",
            "kitchen",
            "mountain",
            "school",
            "garden",
            "bridge",
            "forest",
            "station",
            "road",
            "city",
            "valley",
            "shore",
            "tower",
            "harbor",
            "island",
            "market",
            "meadow",
            "museum",
            "office",
            "palace",
            "prison",
            "castle",
            "cottage",
            "desert",
            "factory",
            "hospital",
            "library",
            "temple",
            "tunnel",
            "airport",
            "barn",
            "beach",
            "canyon",
            "chapel",
            "courtyard",
            "lake"
        },
        {
            "yesterday",
            "quickly",
            "again",
            "today",
            "slowly",
            "early",
            "often",
            "together",
            "afterwards",
            "gladly",
            "loudly",
            "rarely",
            "softly",
            "suddenly",
            "tonight",
            "usually",
            "yearly"
        },
    };

    public List<String> vocabulary() {
        if (this == DIGITS) {
            return new ArrayList<>(DIGITS_VOCABULARY);
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
        sb.append(pick(s[0], rng))
                .append(' ')
                .append(pick(s[1], rng))
                .append(' ')
                .append(pick(s[2], rng))
                .append(' ')
                .append(pick(s[3], rng))
                .append(' ')
                .append(pick(s[0], rng))
                .append(' ')
                .append(pick(s[2], rng));
        if (rng.nextBoolean()) {
            sb.append(' ')
                    .append(pick(s[4], rng))
                    .append(' ')
                    .append(pick(s[0], rng))
                    .append(' ')
                    .append(pick(s[1], rng))
                    .append(' ')
                    .append(pick(s[5], rng));
        }
        if (rng.nextInt(3) == 0) {
            sb.append(' ').append(pick(s[6], rng));
        }
        return sb.toString();
    }

    private static String pick(String[] a, Random rng) {
        return a[rng.nextInt(a.length)];
    }

    /**
     * Pronunciations of the vocabulary from {@link CmuLexicon} (CMUdict, else its letter-to-sound rules), which comes
     * with a Maven dependency: the same on every machine, whatever TTS packages are installed. A word that neither
     * gives is an error unless {@code oovWord} is given (the word is then left out of the lexicon).
     */
    public Map<String, String> lexicon(String oovWord) throws IOException {
        Map<String, String> lex = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String w : vocabulary()) {
            CmuLexicon.Pronunciation p = CmuLexicon.lookup(w);
            if (p == null) {
                missing.add(w);
            } else {
                if (p.fromRules()) {
                    LOG.info("'{}' is not in CMUdict: pronounced {} by the letter-to-sound rules", w, p.phones());
                }
                lex.put(w, p.phones());
            }
        }
        if (!missing.isEmpty() && oovWord == null) {
            throw new AmdException(
                    "no pronunciation for " + missing.size() + " word(s): " + String.join(" ", missing)
                            + " (neither CMUdict nor its letter-to-sound rules give one; give --oov-word=<unk> to leave them out)");
        }
        return lex;
    }
}
