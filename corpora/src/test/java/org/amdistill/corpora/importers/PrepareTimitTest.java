package org.amdistill.corpora.importers;

import static org.amdistill.corpora.importers.CorpusTestSupport.floats;
import static org.amdistill.corpora.importers.CorpusTestSupport.ok;
import static org.amdistill.corpora.importers.CorpusTestSupport.readAudio;
import static org.amdistill.corpora.importers.CorpusTestSupport.run;
import static org.amdistill.corpora.importers.CorpusTestSupport.sorted;
import static org.amdistill.corpora.importers.CorpusTestSupport.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.amdistill.core.audio.AudioData;
import org.amdistill.core.audio.AudioFixtures;
import org.amdistill.dataprep.lang.LangDir;
import org.amdistill.dataprep.lang.PrepareLang;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareTimitTest {
    @TempDir
    Path dir;

    /** Hand labels of the fixture utterances: begin, end, 61-set phone (h#, hv, dcl, q and epi exercise the map). */
    static final String PHN =
            """
            0 3050 h#
            3050 4559 sh
            4559 5723 ix
            5723 6642 hv
            6642 8772 eh
            8772 9190 dcl
            9190 10337 jh
            10337 11517 q
            11517 12500 epi
            12500 13100 pau
            13100 14000 h#
            """;

    static final String PHONES48 = "sil sh ix hh eh vcl jh epi sil sil";

    static int[] samples(int n, int seed) {
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = (int) Math.round(3000 * Math.sin(i * (0.01 + 0.003 * seed))) + seed;
        }
        return x;
    }

    static String name(String s, boolean upper) {
        return upper ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT);
    }

    /** One utterance's .WAV (SPHERE), .PHN, .WRD and .TXT. */
    static void utt(Path spkDir, String sentence, boolean upper, int seed) throws Exception {
        Files.createDirectories(spkDir);
        Files.write(spkDir.resolve(name(sentence + ".wav", upper)), AudioFixtures.timitSphere(samples(14000, seed)));
        Files.writeString(spkDir.resolve(name(sentence + ".phn", upper)), PHN);
        Files.writeString(spkDir.resolve(name(sentence + ".wrd", upper)), "3050 6642 she\n6642 12500 had\n");
        Files.writeString(spkDir.resolve(name(sentence + ".txt", upper)), "0 14000 She had.\n");
    }

    /**
     * A tiny TIMIT: train speaker fcjf0 (DR1) and mdac0 (DR2); test speakers faks0 (dev list), mdab0 (core test list)
     * and mabc0 (in neither: unused). Each has SA1 (left out), SI and SX sentences.
     */
    static Path timit(Path base, boolean upper) throws Exception {
        Path root = base.resolve(upper ? "TIMIT" : "timit");
        String[][] spk = {
            {"train", "dr1", "fcjf0"},
            {"train", "dr2", "mdac0"},
            {"test", "dr1", "faks0"},
            {"test", "dr1", "mdab0"},
            {"test", "dr2", "mabc0"}
        };
        int seed = 1;
        for (String[] s : spk) {
            Path d = root.resolve(name(s[0], upper)).resolve(name(s[1], upper)).resolve(name(s[2], upper));
            for (String sentence : List.of("sa1", "si1027", "sx127")) {
                utt(d, sentence, upper, seed++);
            }
        }
        return root;
    }

    @Test
    void upperCaseLayout() throws Exception {
        Path root = timit(dir, true);
        Path out = dir.resolve("data");
        ok(new PrepareTimit(), root.toString(), out.toString());
        check(out, true);
    }

    @Test
    void lowerCaseLayoutGivesTheSameData() throws Exception {
        Path upper = dir.resolve("data-upper");
        ok(new PrepareTimit(), timit(dir.resolve("u"), true).toString(), upper.toString());
        Path root = timit(dir.resolve("l"), false);
        Path out = dir.resolve("data");
        ok(new PrepareTimit(), root.toString(), out.toString());
        check(out, false);
        for (String split : List.of("train", "dev", "test")) {
            for (String f : List.of("text", "text.words", "utt2spk", "spk2utt", "spk2gender", "ctm")) {
                assertEquals(
                        Files.readString(upper.resolve(split).resolve(f)),
                        Files.readString(out.resolve(split).resolve(f)),
                        split + "/" + f);
            }
        }
    }

    private void check(Path out, boolean upper) throws Exception {
        // Split membership: train = TRAIN's speakers; dev and test = the listed speakers of TEST; SA nowhere.
        assertEquals(
                List.of("fcjf0_si1027", "fcjf0_sx127", "mdac0_si1027", "mdac0_sx127"),
                List.copyOf(table(out.resolve("train/wav.scp")).keySet()));
        assertEquals(
                List.of("faks0_si1027", "faks0_sx127"),
                List.copyOf(table(out.resolve("dev/wav.scp")).keySet()));
        assertEquals(
                List.of("mdab0_si1027", "mdab0_sx127"),
                List.copyOf(table(out.resolve("test/wav.scp")).keySet()));
        assertEquals(Map.of("fcjf0", "f", "mdac0", "m"), table(out.resolve("train/spk2gender")));
        assertEquals(
                "faks0_si1027 faks0_sx127", table(out.resolve("dev/spk2utt")).get("faks0"));
        for (String split : List.of("train", "dev", "test")) {
            Path d = out.resolve(split);
            for (String f : List.of("wav.scp", "text", "text.words", "utt2spk", "spk2utt", "spk2gender")) {
                assertTrue(sorted(table(d.resolve(f)).keySet()), split + "/" + f + " is sorted");
            }
            Map<String, String> utt2spk = table(d.resolve("utt2spk"));
            utt2spk.forEach((u, s) -> assertTrue(u.startsWith(s + "_"), u + " has its speaker as prefix"));
            Map<String, String> text = table(d.resolve("text"));
            assertEquals(utt2spk.keySet(), text.keySet());
            text.values().forEach(t -> assertEquals(PHONES48, t));
            table(d.resolve("text.words")).values().forEach(t -> assertEquals("she had", t));
            // The audio in wav.scp (absolute paths) reads back as written.
            for (Map.Entry<String, String> e : table(d.resolve("wav.scp")).entrySet()) {
                assertTrue(Path.of(e.getValue()).isAbsolute(), e.getValue());
                assertTrue(e.getValue().endsWith(upper ? ".WAV" : ".wav"), e.getValue());
                AudioData a = readAudio(e.getValue());
                assertEquals(16000f, a.sampleRate());
                assertEquals(14000, a.numSamples());
            }
            // The CTM: the .PHN segments in seconds (samples / 16000) over the 48-phone set, q left out.
            List<String> ctm = Files.readAllLines(d.resolve("ctm"));
            assertEquals(text.size() * 10, ctm.size());
            String[] phn = PHN.strip().split("\n");
            List<String[]> kept = new ArrayList<>();
            for (String l : phn) {
                if (!l.endsWith(" q")) {
                    kept.add(l.split(" "));
                }
            }
            String[] p48 = PHONES48.split(" ");
            for (int i = 0; i < ctm.size(); i++) {
                String[] c = ctm.get(i).split(" ");
                String[] s = kept.get(i % 10);
                assertEquals(List.copyOf(text.keySet()).get(i / 10), c[0]);
                assertEquals("1", c[1]);
                assertEquals(
                        0,
                        new BigDecimal(s[0]).divide(BigDecimal.valueOf(16000)).compareTo(new BigDecimal(c[2])),
                        ctm.get(i));
                assertEquals(
                        0,
                        new BigDecimal(s[1])
                                .subtract(new BigDecimal(s[0]))
                                .divide(BigDecimal.valueOf(16000))
                                .compareTo(new BigDecimal(c[3])),
                        ctm.get(i));
                assertEquals(TimitPhones.get().map48(s[2]), c[4]);
                assertEquals(p48[i % 10], c[4]);
            }
        }
        assertEquals(
                "fcjf0_sx127 1 0.190625 0.0943125 sh",
                Files.readAllLines(out.resolve("train/ctm")).get(11));
        // SPHERE samples come back exactly.
        String wav = table(out.resolve("train/wav.scp")).get("fcjf0_si1027");
        assertArrayEquals(floats(samples(14000, 2)), readAudio(wav).channel(0));
        for (String split : List.of("train", "dev", "test")) {
            String all = Files.readString(out.resolve(split).resolve("wav.scp"))
                    + Files.readString(out.resolve(split).resolve("utt2spk"));
            assertFalse(all.contains("sa1") || all.contains("SA1"), split + " has no SA sentence");
            assertFalse(all.contains("mabc0") || all.contains("MABC0"), split + " has no speaker outside the lists");
        }
        // local/dict: 48 phones standing for themselves, sil the silence; prepare-lang takes it.
        Map<String, String> lex = table(out.resolve("local/dict/lexicon.txt"));
        assertEquals(48, lex.size());
        lex.forEach((w, p) -> assertEquals(w, p));
        assertEquals(
                47,
                Files.readAllLines(out.resolve("local/dict/nonsilence_phones.txt"))
                        .size());
        assertEquals("sil\n", Files.readString(out.resolve("local/dict/silence_phones.txt")));
        assertEquals("sil\n", Files.readString(out.resolve("local/dict/optional_silence.txt")));
        assertTrue(Files.readString(out.resolve("local/phones.60-48-39.map")).contains("ax-h\tax\tah\n"));
        ok(
                new PrepareLang(),
                out.resolve("local/dict").toString(),
                "-",
                out.resolve("lang").toString());
        LangDir lang = LangDir.read(out.resolve("lang"));
        assertEquals(48, lang.realPhones().size());
        assertTrue(lang.words.contains("vcl"));
    }

    @Test
    void phoneMaps() {
        TimitPhones m = TimitPhones.get();
        assertEquals(61, m.phones61().size());
        assertEquals(48, m.phones48().size());
        assertEquals(null, m.map48("q"));
        assertEquals("sil", m.map48("h#"));
        assertEquals("sil", m.map48("pau"));
        assertEquals("epi", m.map48("epi"));
        assertEquals("sil", m.map39("epi"));
        assertEquals("cl", m.map48("kcl"));
        assertEquals("sil", m.map39("cl"));
        assertEquals("sh", m.map39("zh"));
        assertEquals(39, m.phones48().stream().map(m::map39).distinct().count());
    }

    @Test
    void speakerListsAreTheStandardOnes() {
        List<String> dev = TimitPhones.resourceLines("timit/dev_spk.list");
        List<String> test = TimitPhones.resourceLines("timit/test_spk.list");
        assertEquals(50, dev.size());
        assertEquals(50, dev.stream().distinct().count());
        assertEquals(24, test.size());
        assertEquals(24, test.stream().distinct().count());
        assertTrue(dev.stream().noneMatch(test::contains));
        // the core test set: 2 men and 1 woman from each of the 8 dialect regions
        assertEquals(8, test.stream().filter(s -> s.startsWith("f")).count());
    }

    private String error(Path root, Path out) {
        CorpusTestSupport.Run r = run(new PrepareTimit(), root.toString(), out.toString());
        assertEquals(1, r.rc(), r.err());
        assertFalse(Files.exists(out), "nothing written on error");
        return r.err();
    }

    @Test
    void missingRootOrSplit() throws Exception {
        Path out = dir.resolve("out");
        assertTrue(error(dir.resolve("nowhere"), out)
                .contains("TIMIT root " + dir.resolve("nowhere") + " does not exist"));
        Path root = timit(dir, true);
        SynthDelete.recursively(root.resolve("TEST"));
        assertTrue(error(root, out).contains("has no TEST directory"));
        // TEST without any speaker of the dev list
        Path root2 = timit(dir.resolve("b"), true);
        SynthDelete.recursively(root2.resolve("TEST/DR1/FAKS0"));
        String e = error(root2, out);
        assertTrue(e.contains("no speaker of the dev set") && e.contains("dev_spk.list"), e);
    }

    @Test
    void speakerWithoutAudio() throws Exception {
        Path root = timit(dir, true);
        Files.createDirectories(root.resolve("TRAIN/DR1/MXYZ0"));
        String e = error(root, dir.resolve("out"));
        assertTrue(e.contains("speaker directory " + root.resolve("TRAIN/DR1/MXYZ0") + " has no audio"), e);

        Path root2 = timit(dir.resolve("b"), false);
        Files.delete(root2.resolve("train/dr1/fcjf0/si1027.wav"));
        e = error(root2, dir.resolve("out"));
        assertTrue(e.contains(root2.resolve("train/dr1/fcjf0/si1027.phn") + ": hand labels without audio"), e);

        Path root3 = timit(dir.resolve("c"), true);
        Files.delete(root3.resolve("TEST/DR1/MDAB0/SX127.PHN"));
        e = error(root3, dir.resolve("out"));
        assertTrue(e.contains(root3.resolve("TEST/DR1/MDAB0/SX127.WAV") + ": no phone labels"), e);
    }

    @Test
    void badPhnLines() throws Exception {
        Path root = timit(dir, true);
        Path phn = root.resolve("TRAIN/DR2/MDAC0/SX127.PHN");
        Files.writeString(phn, "0 3050 h#\n3050 4559\n");
        String e = error(root, dir.resolve("out"));
        assertTrue(e.contains(phn + ":2: expected '<begin-sample> <end-sample> <phone>', got '3050 4559'"), e);
        Files.writeString(phn, "0 3050 h#\n3050 x45 sh\n");
        assertTrue(error(root, dir.resolve("out")).contains(phn + ":2: sample numbers must be integers"));
        Files.writeString(phn, "0 3050 h#\n\n3050 4559 xx\n");
        assertTrue(error(root, dir.resolve("out")).contains(phn + ":3: unknown TIMIT phone 'xx'"));
        Files.writeString(phn, "0 3050 h#\n3050 3000 sh\n");
        assertTrue(error(root, dir.resolve("out")).contains(phn + ":2: segment 3050..3000 is empty"));
        Path wrd = root.resolve("TRAIN/DR2/MDAC0/SX127.WRD");
        Files.writeString(phn, PHN);
        Files.writeString(wrd, "3050 she\n");
        assertTrue(error(root, dir.resolve("out")).contains(wrd + ":1: expected '<begin-sample> <end-sample> <word>'"));
    }

    @Test
    void wordsFromTxtWhenThereIsNoWrd() throws Exception {
        Path root = timit(dir, true);
        Files.delete(root.resolve("TRAIN/DR1/FCJF0/SI1027.WRD"));
        Files.writeString(
                root.resolve("TRAIN/DR1/FCJF0/SI1027.TXT"),
                "0 46797 She had your dark suit in greasy wash water all year.\n");
        Path out = dir.resolve("out");
        ok(new PrepareTimit(), root.toString(), out.toString());
        assertEquals(
                "she had your dark suit in greasy wash water all year",
                table(out.resolve("train/text.words")).get("fcjf0_si1027"));
    }

    /** Recursive delete for fixtures. */
    static final class SynthDelete {
        static void recursively(Path p) throws Exception {
            try (var s = Files.walk(p)) {
                for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
        }
    }
}
