package org.amdistill.corpora.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.amdistill.core.DebianPackages;
import org.amdistill.core.audio.AudioData;
import org.amdistill.core.audio.AudioReader;
import org.amdistill.core.cli.Cli;
import org.amdistill.dataprep.datadir.DataDir;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small corpus end to end with every installed engine (FreeTTS always; flite and espeak-ng where installed). */
class SynthCorpusTest {
    static List<CSVRecord> manifest(Path dir) throws Exception {
        try (Reader r = Files.newBufferedReader(dir.resolve("manifest.csv"))) {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .build()
                    .parse(r)
                    .getRecords();
        }
    }

    @Test
    void makesAValidCorpusSplitByVoiceAndIsDeterministic(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        String[] args = {"--num-utts=24", "--seed=5", "--dev-fraction=0.25", "--test-fraction=0.25"};
        assertEquals(0, Cli.execute(new SynthCorpus(), concat(args, a.toString())));
        assertEquals(0, Cli.execute(new SynthCorpus(), concat(args, b.toString())));

        List<CSVRecord> rows = manifest(a);
        assertEquals(24, rows.size());
        for (String col :
                List.of("utt", "split", "voice", "rate", "pitch", "noise", "snr_db", "reverb", "speed", "duration")) {
            assertTrue(rows.get(0).isMapped(col), "manifest column " + col);
        }
        Map<String, Set<String>> voicesBySplit = new HashMap<>();
        for (CSVRecord r : rows) {
            voicesBySplit.computeIfAbsent(r.get("split"), k -> new HashSet<>()).add(r.get("voice"));
            assertTrue(
                    r.get("utt").startsWith(r.get("voice") + "-"), "utterance id starts with its speaker (voice) id");
        }
        Set<String> train = voicesBySplit.get("train");
        for (String held : List.of("dev", "test")) {
            for (String v : voicesBySplit.getOrDefault(held, Set.of())) {
                assertTrue(!train.contains(v), held + " voice " + v + " also in train");
            }
        }
        int total = 0;
        for (String split : List.of("train", "dev", "test")) {
            if (!Files.exists(a.resolve(split))) {
                continue;
            }
            DataDir d = DataDir.read(a.resolve(split));
            total += d.wavScp.size();
            List<String> lines = Files.readAllLines(a.resolve(split).resolve("wav.scp"));
            List<String> sorted = new ArrayList<>(lines);
            Collections.sort(sorted);
            assertEquals(sorted, lines, split + "/wav.scp is sorted");
            for (Map.Entry<String, String> e : d.wavScp.entrySet()) {
                AudioData au = AudioReader.read(Files.readAllBytes(Path.of(e.getValue())), e.getValue());
                assertEquals(16000f, au.sampleRate());
                assertTrue(au.durationSeconds() > 0.2, e.getKey() + " has speech");
                assertTrue(d.text.get(e.getKey()).matches("[a-z ]+"));
            }
        }
        assertEquals(24, total);
        // same seed, same bytes
        for (CSVRecord r : rows) {
            Path wa = Path.of(r.get("wav"));
            Path wb = b.resolve("wav").resolve(wa.getFileName());
            assertArrayEquals(Files.readAllBytes(wa), Files.readAllBytes(wb), r.get("utt"));
        }
        String lexicon = Files.readString(a.resolve("local/dict/lexicon.txt"));
        assertTrue(lexicon.contains("seven S EH V AH N"), lexicon);
        // CTM phones (flite voices) are in the lexicon's phone set
        Set<String> phones = new HashSet<>(Files.readAllLines(a.resolve("local/dict/nonsilence_phones.txt")));
        phones.add("SIL");
        for (String split : List.of("train", "dev", "test")) {
            Path ctm = a.resolve(split).resolve("ctm");
            if (Files.exists(ctm)) {
                for (String l : Files.readAllLines(ctm)) {
                    String ph = l.split(" ")[4];
                    assertTrue(phones.contains(ph), "CTM phone " + ph);
                }
            }
        }
    }

    @Test
    void sentencesCoverEveryEnglishPhoneAndATransferSetStartsPastTheCorpus(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("s");
        assertEquals(
                0,
                Cli.execute(
                        new SynthCorpus(),
                        "--task=sentences",
                        "--num-utts=12",
                        "--seed=3",
                        "--first-index=700",
                        "--dev-fraction=0",
                        "--test-fraction=0",
                        a.toString()));
        // the grammar's words cover all 39 phones of the CMU set, so that every phone's HMM states get data
        Set<String> phones = new HashSet<>(Files.readAllLines(a.resolve("local/dict/nonsilence_phones.txt")));
        Set<String> cmu = Set.of(
                "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH", "IY",
                "JH", "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y",
                "Z", "ZH");
        assertEquals(cmu, phones);
        Set<String> words = new HashSet<>();
        for (String l : Files.readAllLines(a.resolve("local/dict/lexicon.txt"))) {
            words.add(l.split("\\s+")[0]);
        }
        DataDir d = DataDir.read(a.resolve("train"));
        assertEquals(12, d.text.size(), "all utterances in train with no dev or test share");
        for (Map.Entry<String, String> e : d.text.entrySet()) {
            int index = Integer.parseInt(e.getKey().substring(e.getKey().lastIndexOf('-') + 1));
            assertTrue(index >= 700 && index < 712, "utterance ids start at --first-index: " + e.getKey());
            assertTrue(e.getValue().split(" ").length >= 6, "a sentence: " + e.getValue());
            for (String w : e.getValue().split(" ")) {
                assertTrue(words.contains(w), "word " + w + " of " + e.getKey() + " is in the lexicon");
            }
        }
        assertEquals(
                1,
                Cli.execute(new SynthCorpus(), "--num-utts=0", tmp.resolve("z").toString()));
        assertEquals(
                1,
                Cli.execute(
                        new SynthCorpus(),
                        "--num-utts=2",
                        "--first-index=-1",
                        tmp.resolve("z").toString()));
    }

    /** The pure-Java corpus (FreeTTS voices, the Java lexicon): what a machine with only a JDK makes. */
    @Test
    void freettsAloneMakesTheCorpusWithNoSystemPackage(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("f");
        assertEquals(
                0,
                Cli.execute(
                        new SynthCorpus(),
                        "--task=sentences",
                        "--engines=freetts",
                        "--num-utts=6",
                        "--seed=2",
                        "--dev-fraction=0",
                        "--test-fraction=0",
                        a.toString()));
        for (CSVRecord r : manifest(a)) {
            assertEquals("freetts", r.get("engine"), r.get("utt"));
        }
        assertEquals(
                "voice,engine,sex,split,has_ctm",
                Files.readAllLines(a.resolve("voices.csv")).get(0));
        assertTrue(
                Files.readAllLines(a.resolve("voices.csv")).stream().skip(1).allMatch(l -> l.startsWith("freetts-")));
        assertEquals(
                Task.SENTENCES.lexicon(null).size() + 1,
                Files.readAllLines(a.resolve("local/dict/lexicon.txt")).size(),
                "every word and <sil>");
        assertEquals("", Files.readString(a.resolve("train/ctm")), "FreeTTS gives no phone timings");
        assertEquals(
                1,
                Cli.execute(
                        new SynthCorpus(),
                        "--engines=festival",
                        "--num-utts=2",
                        tmp.resolve("x").toString()));
        assertTrue(Files.notExists(tmp.resolve("x")));
    }

    /** With Debian's flite and espeak-ng their voices join FreeTTS's, and flite's give phone timings in the lexicon's phone set. */
    @Test
    void fliteAndEspeakVoicesJoinWhereInstalled(@TempDir Path tmp) throws Exception {
        DebianPackages.assume(new FliteEngine().available(), "flite", "its voices and phone timings are tested");
        DebianPackages.assume(new EspeakEngine().available(), "espeak-ng", "its voices are tested");
        Path a = tmp.resolve("e");
        assertEquals(
                0,
                Cli.execute(new SynthCorpus(), "--engines=flite,espeak-ng", "--num-utts=30", "--seed=4", a.toString()));
        Set<String> engines = new HashSet<>();
        for (CSVRecord r : manifest(a)) {
            engines.add(r.get("engine"));
        }
        assertEquals(Set.of("flite", "espeak"), engines);
        List<String> ctm = Files.readAllLines(a.resolve("train/ctm"));
        assertTrue(ctm.size() > 10, "flite's phone timings: " + ctm.size());
        for (String l : ctm) {
            String ph = l.split(" ")[4];
            assertTrue(ph.equals("SIL") || CmuLexicon.PHONES.contains(ph), "CTM phone " + ph);
        }
    }

    /** --dev-utts/--test-utts size the test sets apart from training: the training split stays as it was. */
    @Test
    void testSetsSizedApartFromTraining(@TempDir Path tmp) throws Exception {
        Path small = tmp.resolve("small");
        Path large = tmp.resolve("large");
        assertEquals(
                0,
                Cli.execute(
                        new SynthCorpus(),
                        "--num-utts=6",
                        "--dev-utts=2",
                        "--test-utts=3",
                        "--seed=4",
                        small.toString()));
        assertEquals(
                0,
                Cli.execute(
                        new SynthCorpus(),
                        "--num-utts=6",
                        "--dev-utts=2",
                        "--test-utts=7",
                        "--seed=4",
                        large.toString()));
        Map<String, Integer> counts = new java.util.HashMap<>();
        Map<String, Set<String>> voices = new java.util.HashMap<>();
        for (CSVRecord r : manifest(large)) {
            counts.merge(r.get("split"), 1, Integer::sum);
            voices.computeIfAbsent(r.get("split"), k -> new HashSet<>()).add(r.get("voice"));
        }
        assertEquals(Map.of("train", 6, "dev", 2, "test", 7), counts);
        for (String held : List.of("dev", "test")) {
            for (String v : voices.get(held)) {
                assertTrue(!voices.get("train").contains(v), held + " voice " + v + " also in train");
            }
        }
        assertEquals(Files.readString(small.resolve("train/text")), Files.readString(large.resolve("train/text")));
        assertEquals(
                1,
                Cli.execute(
                        new SynthCorpus(),
                        "--num-utts=6",
                        "--test-utts=3",
                        tmp.resolve("z").toString()));
    }

    @Test
    void unknownVoiceAndExistingOutputAreClearErrors(@TempDir Path tmp) throws Exception {
        assertEquals(
                1,
                Cli.execute(
                        new SynthCorpus(),
                        "--num-utts=2",
                        "--voices=nobody-1",
                        tmp.resolve("x").toString()));
        assertTrue(Files.notExists(tmp.resolve("x")));
        Files.createDirectories(tmp.resolve("y"));
        Files.writeString(tmp.resolve("y/keep.txt"), "mine");
        assertEquals(
                1,
                Cli.execute(new SynthCorpus(), "--num-utts=2", tmp.resolve("y").toString()));
        assertEquals("mine", Files.readString(tmp.resolve("y/keep.txt")), "nothing already written is lost");
    }

    static String[] concat(String[] a, String b) {
        String[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
