package org.amdistill.corpora.importers;

import static org.amdistill.corpora.importers.CorpusTestSupport.ok;
import static org.amdistill.corpora.importers.CorpusTestSupport.readAudio;
import static org.amdistill.corpora.importers.CorpusTestSupport.run;
import static org.amdistill.corpora.importers.CorpusTestSupport.sorted;
import static org.amdistill.corpora.importers.CorpusTestSupport.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.amdistill.core.DebianPackages;
import org.amdistill.core.audio.AudioData;
import org.amdistill.core.audio.AudioFixtures;
import org.amdistill.dataprep.lang.LangDir;
import org.amdistill.dataprep.lang.PrepareLang;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareLibrispeechTest {
    @TempDir
    Path dir;

    Path subset;

    static float[] signal(int n, int seed) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.round(4000 * Math.sin(i * 0.02 * seed) + 100 * Math.cos(i * 0.3));
        }
        return x;
    }

    /** Two readers, three chapters, FLAC audio, transcripts and SPEAKERS.TXT, as in LibriSpeech/dev-clean. */
    @BeforeEach
    void corpus() throws Exception {
        DebianPackages.assume(AudioFixtures.hasSox(), "sox", "it makes the FLAC fixtures");
        Path ls = dir.resolve("LibriSpeech");
        subset = ls.resolve("dev-clean");
        Files.createDirectories(subset);
        Files.writeString(
                ls.resolve("SPEAKERS.TXT"),
                """
                ; Some comment
                ;ID  |SEX| SUBSET           |MINUTES| NAME
                84   | F | dev-clean        | 8.02 | Christie Nowak
                174  | M | dev-clean        | 8.04 | Peter Eastman
                999  | M | train-clean-100  | 25.0 | Someone Else
                """);
        chapter(
                "84",
                "121123",
                Map.of("0000", "GO DO YOU HEAR", "0001", "BUT IN LESS THAN FIVE MINUTES THE STAIRCASE GROANED"));
        chapter("84", "121550", Map.of("0000", "HEAR HEAR"));
        chapter("174", "50561", Map.of("0000", "FORGOTTEN TOO THE NAME OF GILLIAN"));
    }

    void chapter(String reader, String chapter, Map<String, String> utts) throws Exception {
        Path d = subset.resolve(reader).resolve(chapter);
        Files.createDirectories(d);
        StringBuilder trans = new StringBuilder();
        int seed = 1;
        for (String u : new TreeSet<>(utts.keySet())) {
            String id = reader + "-" + chapter + "-" + u;
            AudioFixtures.writeFlac(AudioData.mono(16000, signal(3200 + 160 * seed, seed)), d.resolve(id + ".flac"));
            trans.append(id).append(' ').append(utts.get(u)).append('\n');
            seed++;
        }
        Files.writeString(d.resolve(reader + "-" + chapter + ".trans.txt"), trans.toString());
    }

    @Test
    void dataDirLikeKaldis() throws Exception {
        Path out = dir.resolve("data");
        ok(new PrepareLibrispeech(), subset.toString(), out.toString());
        Path d = out.resolve("dev_clean");
        Map<String, String> wav = table(d.resolve("wav.scp"));
        assertEquals(
                List.of("174-50561-0000", "84-121123-0000", "84-121123-0001", "84-121550-0000"),
                List.copyOf(wav.keySet()));
        assertEquals("GO DO YOU HEAR", table(d.resolve("text")).get("84-121123-0000"));
        assertEquals(
                Map.of(
                        "174-50561-0000",
                        "174-50561",
                        "84-121123-0000",
                        "84-121123",
                        "84-121123-0001",
                        "84-121123",
                        "84-121550-0000",
                        "84-121550"),
                table(d.resolve("utt2spk")));
        assertEquals(
                "84-121123-0000 84-121123-0001", table(d.resolve("spk2utt")).get("84-121123"));
        assertEquals(Map.of("174-50561", "m", "84-121123", "f", "84-121550", "f"), table(d.resolve("spk2gender")));
        for (String f : List.of("wav.scp", "text", "utt2spk", "spk2utt", "spk2gender")) {
            assertTrue(sorted(table(d.resolve(f)).keySet()), f + " is sorted");
        }
        table(d.resolve("utt2spk")).forEach((u, s) -> assertTrue(u.startsWith(s + "-")));
        for (String p : wav.values()) {
            assertTrue(Path.of(p).isAbsolute() && p.endsWith(".flac"), p);
        }
        AudioData a = readAudio(wav.get("84-121123-0001"));
        assertEquals(16000f, a.sampleRate());
        assertArrayEquals(signal(3200 + 160 * 2, 2), a.channel(0));
        assertFalse(Files.exists(out.resolve("local")), "no dict without --lexicon");
    }

    @Test
    void lexiconGivesADictAndAnOovReport() throws Exception {
        Path lexicon = dir.resolve("librispeech-lexicon.txt");
        Files.writeString(
                lexicon,
                """
                A\tAH0
                A\tEY1
                DO\tD UW1
                GO\tG OW1
                HEAR\tHH IY1 R
                YOU\tY UW1
                BUT\tB AH1 T
                IN\tIH0 N
                LESS\tL EH1 S
                THAN\tDH AE1 N
                FIVE\tF AY1 V
                MINUTES\tM IH1 N AH0 T S
                THE\tDH AH0
                STAIRCASE\tS T EH1 R K EY2 S
                TOO\tT UW1
                NAME\tN EY1 M
                OF\tAH1 V
                UNUSED\tAH0 N Y UW1 Z D
                """);
        Path out = dir.resolve("data");
        ok(new PrepareLibrispeech(), "--lexicon=" + lexicon, subset.toString(), out.toString());
        Path dict = out.resolve("local/dict");
        String lex = Files.readString(dict.resolve("lexicon.txt"));
        assertTrue(lex.startsWith("!SIL SIL\n<SPOKEN_NOISE> SPN\n<UNK> SPN\n"), lex);
        assertTrue(lex.contains("\nHEAR HH IY1 R\n") && lex.contains("\nSTAIRCASE S T EH1 R K EY2 S\n"), lex);
        assertFalse(lex.contains("UNUSED") || lex.contains("\nA "), "only words of the transcripts: " + lex);
        // Stress kept, a phone's variants on one line (Kaldi's prepare_dict.sh); the phone set is the whole lexicon's.
        List<String> nonsil = Files.readAllLines(dict.resolve("nonsilence_phones.txt"));
        assertTrue(nonsil.contains("AH0 AH1"), nonsil.toString());
        assertTrue(nonsil.contains("EY1 EY2") && nonsil.contains("IH0 IH1"), nonsil.toString());
        assertTrue(nonsil.contains("Z"), nonsil.toString());
        assertEquals("SIL\nSPN\n", Files.readString(dict.resolve("silence_phones.txt")));
        // OOV report: GROANED, FORGOTTEN, GILLIAN (one token each), most frequent first.
        assertEquals("1 FORGOTTEN\n1 GILLIAN\n1 GROANED\n", Files.readString(out.resolve("local/oov_dev_clean.txt")));
        ok(new PrepareLang(), dict.toString(), "<UNK>", out.resolve("lang").toString());
        LangDir lang = LangDir.read(out.resolve("lang"));
        assertTrue(lang.words.contains("STAIRCASE"));
        assertEquals("<UNK>", lang.oovWord);

        // A second subset into the same out-dir: the dict covers both.
        Path other = dir.resolve("LibriSpeech/test-clean");
        Files.createDirectories(other.resolve("174/1"));
        AudioFixtures.writeFlac(AudioData.mono(16000, signal(1600, 3)), other.resolve("174/1/174-1-0000.flac"));
        Files.writeString(other.resolve("174/1/174-1.trans.txt"), "174-1-0000 A NAME\n");
        ok(new PrepareLibrispeech(), "--lexicon=" + lexicon, other.toString(), out.toString());
        lex = Files.readString(dict.resolve("lexicon.txt"));
        assertTrue(lex.contains("\nA AH0\nA EY1\n") && lex.contains("\nSTAIRCASE "), lex);
        assertEquals("", Files.readString(out.resolve("local/oov_test_clean.txt")));
    }

    private String error(String... args) {
        CorpusTestSupport.Run r = run(new PrepareLibrispeech(), args);
        assertEquals(1, r.rc(), r.err());
        return r.err();
    }

    @Test
    void transcriptLineWithoutAudio() throws Exception {
        Path trans = subset.resolve("84/121123/84-121123.trans.txt");
        Files.writeString(trans, Files.readString(trans) + "84-121123-0002 NO AUDIO FOR THIS\n");
        Path out = dir.resolve("data");
        String e = error(subset.toString(), out.toString());
        assertTrue(e.contains(trans + ":3: no audio 84-121123-0002.flac"), e);
        assertFalse(Files.exists(out), "nothing written on error");
        ok(new PrepareLibrispeech(), "--skip-missing", subset.toString(), out.toString());
        assertEquals(4, table(out.resolve("dev_clean/wav.scp")).size());
    }

    @Test
    void audioWithoutTranscript() throws Exception {
        Path flac = subset.resolve("84/121550/84-121550-0001.flac");
        AudioFixtures.writeFlac(AudioData.mono(16000, signal(1600, 4)), flac);
        Path out = dir.resolve("data");
        String e = error(subset.toString(), out.toString());
        assertTrue(
                e.contains(flac + ": no line for 84-121550-0001 in " + subset.resolve("84/121550/84-121550.trans.txt")),
                e);
        assertFalse(Files.exists(out));
        ok(new PrepareLibrispeech(), "--skip-missing=true", subset.toString(), out.toString());
        assertFalse(table(out.resolve("dev_clean/wav.scp")).containsKey("84-121550-0001"));

        Files.delete(subset.resolve("84/121550/84-121550.trans.txt"));
        e = error(subset.toString(), dir.resolve("data2").toString());
        assertTrue(
                e.contains(subset.resolve("84/121550") + ": no transcript 84-121550.trans.txt for its 2 .flac files"),
                e);
    }

    @Test
    void otherBadInput() throws Exception {
        assertTrue(error(dir.resolve("nowhere").toString(), dir.resolve("o").toString())
                .contains("does not exist"));
        Path trans = subset.resolve("174/50561/174-50561.trans.txt");
        Files.writeString(trans, "174-50561-0000 FORGOTTEN TOO\n84-121123-0000 WRONG CHAPTER\n");
        assertTrue(error(subset.toString(), dir.resolve("o").toString())
                .contains(trans + ":2: utterance id '84-121123-0000' is not of this chapter"));
        Files.writeString(trans, "174-50561-0000 FORGOTTEN TOO\n");
        Files.writeString(dir.resolve("LibriSpeech/SPEAKERS.TXT"), "84 | F | dev-clean | 1 | X\n");
        String e = error(subset.toString(), dir.resolve("o").toString());
        assertTrue(e.contains(dir.resolve("LibriSpeech/SPEAKERS.TXT") + ": reader 174"), e);
        Path lexicon = dir.resolve("lex.txt");
        Files.writeString(lexicon, "GO G OW1\nDO\n");
        assertTrue(error(
                        "--lexicon=" + lexicon,
                        subset.toString(),
                        dir.resolve("o").toString())
                .contains(lexicon + ":2: word 'DO' has no phones"));
        assertFalse(Files.exists(dir.resolve("o")));
    }
}
