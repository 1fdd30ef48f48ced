package org.amdistill.decoding.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.Cli;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.TableWriter;
import org.amdistill.core.table.Transcripts;
import org.amdistill.dataprep.lang.LangDir;
import org.amdistill.decoding.graph.PhoneHmms;
import org.amdistill.decoding.graph.Pronunciations;
import org.amdistill.decoding.graph.TransitionModelHmms;
import org.amdistill.decoding.lm.TrainLm;
import org.amdistill.decoding.scoring.Score;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** decode and score end to end on a synthetic digits task with real files in Kaldi's formats. */
class DecodeCommandTest {
    /** A synthetic digits corpus: data dir (feats whose first column is the true pdf, text), lang dir, HMM file. */
    static final class Task {
        Path data;
        Path lang;
        Path hmms;
        Path lmText;
        PhoneHmms h;
        int numPdfs;
        Map<String, List<String>> text = new LinkedHashMap<>();
    }

    static Task task(Path root, String name, int utts, long seed) throws IOException {
        Task t = new Task();
        Random rnd = new Random(seed);
        Pronunciations lex = DecoderTest.lexicon(DecoderTest.DIGITS_LEXICON);
        // a real lang directory, made by the data-prep module's prepare-lang code from a dict directory
        Path dict = root.resolve("local/dict");
        Files.createDirectories(dict);
        StringBuilder lexText = new StringBuilder();
        for (String e : DecoderTest.DIGITS_LEXICON) {
            lexText.append(e).append('\n');
        }
        Files.writeString(dict.resolve("lexicon.txt"), lexText);
        List<String> phones = DecoderTest.phonesOf(DecoderTest.DIGITS_LEXICON);
        Files.writeString(dict.resolve("silence_phones.txt"), "sil\n");
        Files.writeString(dict.resolve("optional_silence.txt"), "sil\n");
        Files.writeString(
                dict.resolve("nonsilence_phones.txt"), String.join("\n", phones.subList(1, phones.size())) + "\n");
        t.lang = root.resolve("lang");
        LangDir.fromDict(dict, null, 0.5, 3, 5).write(t.lang);
        HmmStateInventory inv = HmmStateInventory.fromLang(LangDir.read(t.lang));
        t.h = new TransitionModelHmms(inv, new TransitionModel(inv));
        t.numPdfs = inv.numPdfs();
        // the same HMMs as a --phone-hmms file, for models that do not know theirs
        t.hmms = root.resolve("phone_hmms.txt");
        StringBuilder hm = new StringBuilder();
        for (String p : phones) {
            int[] pdfs = t.h.hmm(p).pdfs();
            hm.append(p)
                    .append(' ')
                    .append(String.join(
                            ",", Arrays.stream(pdfs).mapToObj(String::valueOf).toList()))
                    .append('\n');
        }
        Files.writeString(t.hmms, hm);
        List<String> vocab = lex.entries().stream()
                .map(Pronunciations.Entry::word)
                .filter(w -> !w.equals("eighty"))
                .toList();
        t.data = root.resolve(name);
        Files.createDirectories(t.data);
        try (TableWriter<Matrix> w = TableWriter.open(
                "ark,scp:" + t.data.resolve("feats.ark") + "," + t.data.resolve("feats.scp"), Codecs.MATRIX)) {
            for (int u = 0; u < utts; u++) {
                List<String> ref = DecoderTest.randomSentence(vocab, 7, rnd);
                int[] truth = DecoderTest.stateSequence(ref, lex, t.h, rnd);
                Matrix f = new Matrix(truth.length, 3);
                for (int i = 0; i < truth.length; i++) {
                    f.set(i, 0, truth[i]);
                }
                String utt = String.format("%s_%04d", name, u);
                w.write(utt, f);
                t.text.put(utt, ref);
            }
        }
        Transcripts.write(t.data.resolve("text"), new ArrayList<>(t.text.keySet()), t.text);
        // LM training text: other random digit strings
        Map<String, List<String>> lmText = new LinkedHashMap<>();
        for (int i = 0; i < 500; i++) {
            List<String> s = new ArrayList<>();
            for (int j = 0, n = 1 + rnd.nextInt(7); j < n; j++) {
                s.add(vocab.get(rnd.nextInt(vocab.size())));
            }
            lmText.put("lm" + i, s);
        }
        t.lmText = root.resolve("lm_text");
        Transcripts.write(t.lmText, new ArrayList<>(lmText.keySet()), lmText);
        return t;
    }

    @Test
    void decodesAndScoresASyntheticDigitsTask(@TempDir Path tmp) throws Exception {
        Task t = task(tmp, "dev", 20, 11);
        Path arpa = tmp.resolve("lm.arpa");
        assertEquals(0, Cli.execute(new TrainLm(), "--order=2", t.lmText.toString(), arpa.toString()));
        Path model = tmp.resolve("exp/final.model");
        Files.createDirectories(model.getParent());
        Files.writeString(model, "TRUTH-MODEL " + t.numPdfs + " 1.0 5 " + t.lang + "\n");
        Path out = tmp.resolve("exp/decode_dev");
        Decode d = new Decode();
        int rc = Cli.execute(
                d,
                "--model=" + model,
                "--lang=" + t.lang,
                "--lm=" + arpa,
                "--num-threads=2",
                "--grid-lm-weights=7,10,13",
                "--grid-word-ins-penalties=0.0,0.5",
                t.data.toString(),
                out.toString());
        assertEquals(0, rc);
        Map<String, List<String>> hyp = Transcripts.read(out.resolve("hyp.txt").toString());
        assertEquals(t.text, hyp);
        assertEquals(
                "%WER 0.00 [ 0 / "
                        + t.text.values().stream().mapToInt(List::size).sum() + ", 0 ins, 0 del, 0 sub ]",
                Files.readAllLines(out.resolve("wer")).get(0));
        assertTrue(Files.exists(out.resolve("wer_7_0.0")) && Files.exists(out.resolve("wer_13_0.5")));
        assertTrue(
                Files.readAllLines(out.resolve("scoring_kaldi/best_wer")).get(0).startsWith("%WER 0.00"));
        assertTrue(Files.exists(out.resolve("scoring/per_utt")) && Files.exists(out.resolve("scoring/ops")));
        assertTrue(Files.readString(out.resolve("rtf")).startsWith("RTF "));
        try (Stream<Path> graphs = Files.list(model.getParent().resolve("graph"))) {
            assertTrue(graphs.anyMatch(p -> p.getFileName().toString().startsWith("graph-")), "graph cached");
        }
        assertEquals(20, d.stats().decoded());
        assertEquals(0, d.stats().partial());

        // a second run reuses the cached graph; the dev's best weights apply to a test directory
        Task test = task(tmp.resolve("t2"), "test", 5, 12);
        Path out2 = tmp.resolve("exp/decode_test");
        assertEquals(
                0,
                Cli.execute(
                        new Decode(),
                        "--model=" + model,
                        "--lang=" + t.lang,
                        "--lm=" + arpa,
                        "--grid-lm-weights=7,10,13",
                        "--grid-word-ins-penalties=0.0,0.5",
                        test.data.toString(),
                        out2.toString()));
        assertEquals(0, Cli.execute(new Score(), "--dev=" + out, out2.toString()));
        assertTrue(Files.readString(out2.resolve("scoring_kaldi/wer_from_dev")).contains("wer_7_0.0"));
    }

    @Test
    void phoneRecognitionWithAPhoneBigram(@TempDir Path tmp) throws Exception {
        Task t = task(tmp, "dev", 1, 3);
        List<String> phones = DecoderTest.phonesOf(DecoderTest.DIGITS_LEXICON);
        Random rnd = new Random(4);
        Map<String, List<String>> ref = new LinkedHashMap<>();
        Map<String, List<String>> lmText = new LinkedHashMap<>();
        Path data = tmp.resolve("phones_dev");
        Files.createDirectories(data);
        try (TableWriter<Matrix> w = TableWriter.open(
                "ark,scp:" + data.resolve("feats.ark") + "," + data.resolve("feats.scp"), Codecs.MATRIX)) {
            for (int u = 0; u < 60; u++) {
                List<String> seq = new ArrayList<>();
                for (int j = 0, n = 3 + rnd.nextInt(10); j < n; j++) {
                    String p = phones.get(rnd.nextInt(phones.size()));
                    if (!seq.isEmpty() && seq.get(seq.size() - 1).equals(p)) {
                        j--; // a phone repeated back to back is one long phone to any model
                        continue;
                    }
                    seq.add(p);
                }
                if (u < 40) {
                    lmText.put("lm" + u, seq);
                    continue;
                }
                List<Integer> truth = new ArrayList<>();
                for (String p : seq) {
                    for (int pdf : t.h.hmm(p).pdfs()) {
                        for (int d = 0, n = 1 + rnd.nextInt(3); d < n; d++) {
                            truth.add(pdf);
                        }
                    }
                }
                Matrix f = new Matrix(truth.size(), 1);
                for (int i = 0; i < truth.size(); i++) {
                    f.set(i, 0, truth.get(i));
                }
                w.write("p" + u, f);
                ref.put("p" + u, seq);
            }
        }
        Transcripts.write(data.resolve("text"), new ArrayList<>(ref.keySet()), ref);
        Path lmTextFile = tmp.resolve("phone_text");
        Transcripts.write(lmTextFile, new ArrayList<>(lmText.keySet()), lmText);
        Path arpa = tmp.resolve("phone.arpa");
        Path wordsTxt = tmp.resolve("phones.txt");
        Files.writeString(wordsTxt, String.join("\n", phones) + "\n");
        assertEquals(
                0,
                Cli.execute(new TrainLm(), "--order=2", "--vocab=" + wordsTxt, lmTextFile.toString(), arpa.toString()));
        Path model = tmp.resolve("m");
        Files.writeString(model, "TRUTH-MODEL " + t.numPdfs + " 0.5 5\n");
        Path out = tmp.resolve("decode_phones");
        assertEquals(
                0,
                Cli.execute(
                        new Decode(),
                        "--model=" + model,
                        "--phone-recognition",
                        "--acoustic-scale=1.0",
                        "--lm=" + arpa,
                        "--phone-hmms=" + t.hmms,
                        "--graph-dir=" + tmp.resolve("g"),
                        data.toString(),
                        out.toString()));
        assertEquals(ref, Transcripts.read(out.resolve("hyp.txt").toString()));
        // folding for scoring: map th -> t and delete sil, as TIMIT's 61 -> 39 map does for its phones
        Path map = tmp.resolve("map");
        Files.writeString(map, "th t\nsil\n");
        assertEquals(0, Cli.execute(new Score(), "--phone-map=" + map, out.toString()));
        assertTrue(Files.readAllLines(out.resolve("wer")).get(0).startsWith("%WER 0.00"));
    }

    @Test
    void langDirectoryInconsistentWithTheModelIsAClearError(@TempDir Path tmp) throws Exception {
        Task t = task(tmp, "dev", 2, 2);
        Task other = task(tmp.resolve("other"), "dev", 1, 2);
        // the other lang directory has one more phone: its pdf ids no longer match the model's
        Path dict = tmp.resolve("other/local/dict");
        Files.writeString(
                dict.resolve("nonsilence_phones.txt"),
                "aa\n" + Files.readString(dict.resolve("nonsilence_phones.txt")));
        Path otherLang = tmp.resolve("other/lang2");
        LangDir.fromDict(dict, null, 0.5, 3, 5).write(otherLang);
        Path model = tmp.resolve("m");
        Files.writeString(model, "TRUTH-MODEL " + t.numPdfs + " 1.0 5 " + t.lang + "\n");
        StringWriter err = new StringWriter();
        int rc = Cli.execute(
                new Decode(),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                "--model=" + model,
                "--lang=" + otherLang,
                "--graph-dir=" + tmp.resolve("g"),
                t.data.toString(),
                tmp.resolve("out").toString());
        assertEquals(1, rc);
        assertTrue(err.toString().contains("inconsistent with the model's state inventory"), err.toString());
        assertTrue(other.numPdfs > 0);
    }

    @Test
    void classFrameCountsReplaceThePriorsAndThePriorScaleScalesThem(@TempDir Path tmp) throws Exception {
        Task t = task(tmp, "dev", 8, 3);
        Path model = tmp.resolve("m");
        Files.writeString(model, "TRUTH-MODEL " + t.numPdfs + " 1.0 5 " + t.lang + "\n");
        // pdf 1 nearly never seen: minus its log prior, it outscores the truth on every frame
        StringBuilder counts = new StringBuilder("[");
        for (int p = 0; p < t.numPdfs; p++) {
            counts.append(p == 1 ? " 1e-20" : " 1");
        }
        Path vec = tmp.resolve("counts.vec");
        Files.writeString(vec, counts.append(" ]\n"));
        int words = t.text.values().stream().mapToInt(List::size).sum();
        for (String scale : List.of("1", "0")) {
            Path out = tmp.resolve("decode_" + scale);
            assertEquals(
                    0,
                    Cli.execute(
                            new Decode(),
                            "--model=" + model,
                            "--lang=" + t.lang,
                            "--class-frame-counts=" + vec,
                            "--prior-scale=" + scale,
                            "--prior-floor=1e-30",
                            "--graph-dir=" + tmp.resolve("g"),
                            t.data.toString(),
                            out.toString()));
            String wer = Files.readAllLines(out.resolve("wer")).get(0);
            if (scale.equals("0")) {
                assertEquals(
                        "%WER 0.00 [ 0 / " + words + ", 0 ins, 0 del, 0 sub ]",
                        wer,
                        "no priors: the truth model decodes perfectly");
            } else {
                assertTrue(!wer.startsWith("%WER 0.00"), "the counts' priors are subtracted: " + wer);
            }
        }
    }

    @Test
    void brokenModelOutputIsCountedPerUtterance(@TempDir Path tmp) throws Exception {
        Task t = task(tmp, "dev", 3, 2);
        Path model = tmp.resolve("m");
        Files.writeString(model, "TRUTH-MODEL " + t.numPdfs + " NaN 5\n");
        int rc = Cli.execute(
                new Decode(),
                "--model=" + model,
                "--lang=" + t.lang,
                "--phone-hmms=" + t.hmms,
                "--graph-dir=" + tmp.resolve("g"),
                t.data.toString(),
                tmp.resolve("out").toString());
        assertEquals(1, rc);
    }
}
