package org.amdistill.corpora.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.speech.freetts.en.us.CMULexicon;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.amdistill.core.DebianPackages;
import org.junit.jupiter.api.Test;

/** The lexicon that needs no system package: CMUdict 0.4 and its letter-to-sound rules from the FreeTTS jar. */
class CmuLexiconTest {
    @Test
    void digitsAreTheTidigitsPronunciations() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("zero", "Z IH R OW");
        expected.put("oh", "OW");
        expected.put("one", "W AH N");
        expected.put("two", "T UW");
        expected.put("three", "TH R IY");
        expected.put("four", "F AO R");
        expected.put("five", "F AY V");
        expected.put("six", "S IH K S");
        expected.put("seven", "S EH V AH N");
        expected.put("eight", "EY T");
        expected.put("nine", "N AY N");
        assertEquals(expected, Task.DIGITS.lexicon(null));
    }

    @Test
    void everySentenceWordIsInTheDictionaryAndTheWholeLexiconIsInThePhoneSet() throws Exception {
        Map<String, String> lex = Task.SENTENCES.lexicon(null);
        assertEquals(246, lex.size());
        for (String w : Task.SENTENCES.vocabulary()) {
            CmuLexicon.Pronunciation p = CmuLexicon.lookup(w);
            assertFalse(p.fromRules(), w + " from the dictionary, not the rules");
            for (String ph : p.phones().split(" ")) {
                assertTrue(CmuLexicon.PHONES.contains(ph), w + ": " + ph);
            }
        }
        // schwa, a stressed vowel, ZH, and "a" as it is said in a sentence (t2p, given "a" alone, spells the letter:
        // EY)
        assertEquals("AH B AH V", lex.get("above"));
        assertEquals("B EY ZH", lex.get("beige"));
        assertEquals("G ER AA ZH", lex.get("garage"));
        assertEquals("AH", lex.get("a"));
        assertEquals("W AA N T AH D", lex.get("wanted"));
    }

    /** Every phone of every entry of the dictionary the jar carries maps into the 39 phones. */
    @Test
    void theWholeDictionaryMapsIntoTheThirtyNinePhones() throws Exception {
        int entries = 0;
        TreeMap<String, Integer> seen = new TreeMap<>();
        try (InputStream in = CMULexicon.class.getResourceAsStream(CmuLexicon.DICTIONARY + "_compiled.txt")) {
            assertNotNull(in, "the FreeTTS jar carries " + CmuLexicon.DICTIONARY + "_compiled.txt");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("***")) {
                    continue;
                }
                String[] f = line.split("\t");
                for (String ph : f[1].strip().split(" ")) {
                    seen.merge(CmuLexicon.toPhoneSet(ph), 1, Integer::sum);
                }
                entries++;
            }
        }
        assertTrue(entries > 100_000, "CMUdict 0.4 has over 100k entries: " + entries);
        assertEquals(
                new TreeMap<>(seen).keySet(),
                new java.util.TreeSet<>(CmuLexicon.PHONES),
                "every phone used, none outside the set: " + seen);
    }

    @Test
    void wordsOutsideTheDictionaryComeFromTheLetterToSoundRules() throws Exception {
        CmuLexicon.Pronunciation p = CmuLexicon.lookup("zorblatt");
        assertTrue(p.fromRules());
        assertTrue(p.phones().startsWith("Z "), p.phones());
        for (String ph : p.phones().split(" ")) {
            assertTrue(CmuLexicon.PHONES.contains(ph), ph);
        }
        assertFalse(CmuLexicon.lookup("Seven").fromRules(), "looked up in lower case");
        assertEquals("S EH V AH N", CmuLexicon.lookup("Seven").phones());
        assertNull(CmuLexicon.lookup("-"), "nothing to pronounce");
    }

    @Test
    void labelsOfFliteAndCmudictMapToThePhoneSet() {
        assertEquals("AH", CmuLexicon.toPhoneSet("ax"));
        assertEquals("AH", CmuLexicon.toPhoneSet("AH0"));
        assertEquals("EY", CmuLexicon.toPhoneSet("ey1"));
        assertEquals("SIL", CmuLexicon.toPhoneSet("pau"));
        assertEquals("SIL", CmuLexicon.toPhoneSet("h#"));
    }

    /** Where flite is installed its t2p (the data this lexicon reads, in C) agrees on every word but "a". */
    @Test
    void agreesWithFlitesT2p() throws Exception {
        DebianPackages.assume(DebianPackages.onPath("t2p"), "flite", "its t2p is the reference");
        List<String> words = new ArrayList<>(Task.SENTENCES.vocabulary());
        words.addAll(Task.DIGITS.vocabulary());
        List<String> differ = new ArrayList<>();
        for (String w : words) {
            StringBuilder t2p = new StringBuilder();
            for (String ph : Programs.run(List.of("t2p", w)).strip().split("\\s+")) {
                String c = CmuLexicon.toPhoneSet(ph);
                if (!c.equals("SIL")) {
                    t2p.append(t2p.length() == 0 ? "" : " ").append(c);
                }
            }
            if (!t2p.toString().equals(CmuLexicon.lookup(w).phones())) {
                differ.add(
                        w + ": t2p " + t2p + ", lexicon " + CmuLexicon.lookup(w).phones());
            }
        }
        assertEquals(List.of("a: t2p EY, lexicon AH"), differ);
    }
}
