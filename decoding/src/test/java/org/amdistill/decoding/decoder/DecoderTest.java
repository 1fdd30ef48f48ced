package org.amdistill.decoding.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Matrix;
import org.amdistill.decoding.graph.DecodingGraph;
import org.amdistill.decoding.graph.PhoneHmm;
import org.amdistill.decoding.graph.PhoneHmms;
import org.amdistill.decoding.graph.Pronunciations;
import org.amdistill.decoding.graph.StateInventoryHmms;
import org.amdistill.decoding.lm.NgramLm;
import org.amdistill.decoding.lm.WittenBell;
import org.amdistill.decoding.scoring.WerSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecoderTest {
    /** HMMs by phone name; pdf ids allocated in order. */
    static final class MapHmms implements PhoneHmms {
        final Map<String, PhoneHmm> map = new HashMap<>();
        int pdfs;

        @Override
        public PhoneHmm hmm(String phone) {
            return map.get(phone);
        }

        @Override
        public int numPdfs() {
            return pdfs;
        }
    }

    static MapHmms hmms(List<String> phones, int statesPerPhone, Random rnd) {
        MapHmms h = new MapHmms();
        for (String p : phones) {
            int n = rnd == null ? statesPerPhone : 1 + rnd.nextInt(statesPerPhone);
            int[] pdfs = new int[n];
            for (int s = 0; s < n; s++) {
                pdfs[s] = h.pdfs++;
            }
            h.map.put(p, PhoneHmm.leftToRight(pdfs, rnd == null ? 0.6 : 0.1 + 0.8 * rnd.nextDouble()));
        }
        return h;
    }

    static Pronunciations lexicon(String... entries) {
        List<Pronunciations.Entry> list = new ArrayList<>();
        for (String e : entries) {
            String[] f = e.split(" ");
            list.add(new Pronunciations.Entry(f[0], 1.0, Arrays.asList(f).subList(1, f.length)));
        }
        return new Pronunciations(list);
    }

    // ---- exhaustive search -------------------------------------------------------------------------------

    record Best(double score, List<String> words) {}

    /** Every path through the graph, without pruning or recombination: the best score and its words. */
    static Best exhaustive(DecodingGraph g, NgramLm lm, DecoderOptions o, Matrix ll) {
        return explore(g, lm, o, ll, g.postWordNode(), lm == null ? 0 : lm.startState(), 0, 0.0, new ArrayList<>());
    }

    static Best explore(
            DecodingGraph g,
            NgramLm lm,
            DecoderOptions o,
            Matrix ll,
            int node,
            int lmState,
            int t,
            double score,
            List<String> words) {
        Best best = new Best(Double.NEGATIVE_INFINITY, null);
        if (t == ll.rows() && node == g.rootNode()) {
            double f = score
                    + (lm == null ? 0 : o.lmWeight * NgramLm.arcLogProb(lm.next(lmState, lm.wordId(NgramLm.EOS))));
            best = new Best(f, new ArrayList<>(words));
        }
        for (int a = g.arcStart(node); a < g.arcEnd(node); a++) {
            int to = g.arcTo(a);
            double s = score + g.arcLogProb(a);
            Best b;
            if (g.emitting(to)) {
                if (t == ll.rows()) {
                    continue;
                }
                b = explore(g, lm, o, ll, to, lmState, t + 1, s + o.acousticScale * ll.get(t, g.pdf(to)), words);
            } else {
                int w = g.arcWord(a);
                int toLm = lmState;
                if (w >= 0) {
                    if (lm != null) {
                        long[] arc = lm.next(lmState, lm.wordId(g.word(w)));
                        s += o.lmWeight * NgramLm.arcLogProb(arc);
                        toLm = NgramLm.arcNextState(arc);
                    }
                    s -= o.wordInsPenalty;
                    words.add(g.word(w));
                }
                b = explore(g, lm, o, ll, to, toLm, t, s, words);
                if (w >= 0) {
                    words.remove(words.size() - 1);
                }
            }
            if (b.score() > best.score()) {
                best = b;
            }
        }
        return best;
    }

    @Test
    void beamSearchFindsTheExhaustiveBestOnRandomTinyGraphs() {
        int agreeWords = 0;
        for (int trial = 0; trial < 40; trial++) {
            Random rnd = new Random(100 + trial);
            MapHmms h = hmms(List.of("a", "b", "c", "sil"), 2, rnd);
            Pronunciations lex = lexicon("x a", "y a b", "z c b");
            DecodingGraph g = DecodingGraph.build(new DecodingGraph.Spec(lex, h, "sil", 0.3));
            List<List<String>> sents = new ArrayList<>();
            String[] ws = {"x", "y", "z"};
            for (int i = 0; i < 6; i++) {
                List<String> s = new ArrayList<>();
                for (int j = 0, n = 1 + rnd.nextInt(3); j < n; j++) {
                    s.add(ws[rnd.nextInt(3)]);
                }
                sents.add(s);
            }
            NgramLm lm = trial % 4 == 3 ? null : WittenBell.train(sents, List.of(), 1 + trial % 3);
            int frames = 3 + rnd.nextInt(4);
            Matrix ll = new Matrix(frames, h.pdfs);
            for (int i = 0; i < ll.data().length; i++) {
                ll.data()[i] = (float) (-5 * rnd.nextDouble());
            }
            DecoderOptions o = new DecoderOptions();
            o.acousticScale = 0.5 + rnd.nextDouble();
            o.lmWeight = 0.5 + rnd.nextDouble();
            o.wordInsPenalty = rnd.nextDouble() - 0.5;
            o.beam = 1e9;
            Best ex = exhaustive(g, lm, o, ll);
            // with and without the LM look-ahead: a potential, it leaves an unpruned search's best path as it is
            for (boolean lookAhead : new boolean[] {true, false}) {
                o.lmLookAhead = lookAhead;
                Decoder.Result r = new Decoder(g, lm, o).decode(ll, "t" + trial);
                String what = "trial " + trial + ", look-ahead " + lookAhead;
                if (ex.words() == null) {
                    assertFalse(r.reachedFinal(), what);
                    continue;
                }
                assertTrue(r.reachedFinal(), what);
                assertEquals(ex.score(), r.score(), 1e-6, what);
                assertEquals(ex.words(), r.words(), what);
            }
            if (ex.words() != null) {
                agreeWords++;
            }
        }
        assertTrue(agreeWords >= 30, "most trials can reach a final state: " + agreeWords);
    }

    // ---- perfect acoustic model --------------------------------------------------------------------------

    /** Puts (almost) all posterior mass on the true pdf of every frame. */
    static final class PerfectModel implements AcousticModel {
        final int[] truth;
        final int pdfs;

        PerfectModel(int[] truth, int pdfs) {
            this.truth = truth;
            this.pdfs = pdfs;
        }

        @Override
        public int numPdfs() {
            return pdfs;
        }

        @Override
        public Matrix logPosteriors(Matrix features) {
            Matrix m = new Matrix(truth.length, pdfs);
            float lo = (float) Math.log(1e-6 / (pdfs - 1));
            float hi = (float) Math.log(1 - 1e-6);
            for (int t = 0; t < truth.length; t++) {
                for (int p = 0; p < pdfs; p++) {
                    m.set(t, p, p == truth[t] ? hi : lo);
                }
            }
            return m;
        }

        @Override
        public float[] logPriors() {
            float[] p = new float[pdfs];
            Arrays.fill(p, (float) -Math.log(pdfs));
            return p;
        }
    }

    static final String[] DIGITS_LEXICON = {
        "one w ah n",
        "two t uw",
        "three th r iy",
        "four f ao r",
        "five f ay v",
        "six s ih k s",
        "seven s eh v ah n",
        "eight ey t",
        "eighty ey t iy",
        "nine n ay n",
        "oh ow",
        "zero z ih r ow"
    };

    static List<String> phonesOf(String[] lexicon) {
        List<String> out = new ArrayList<>(List.of("sil"));
        for (String e : lexicon) {
            for (String p : e.substring(e.indexOf(' ') + 1).split(" ")) {
                if (!out.contains(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Frame-level pdf sequence of a word sequence, with random state durations and optional silences. */
    static int[] stateSequence(List<String> words, Pronunciations lex, PhoneHmms h, Random rnd) {
        Map<String, List<String>> pron = new HashMap<>();
        for (Pronunciations.Entry e : lex.entries()) {
            pron.put(e.word(), e.phones());
        }
        List<Integer> seq = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        if (rnd.nextBoolean()) {
            phones.add("sil");
        }
        for (String w : words) {
            phones.addAll(pron.get(w));
            if (rnd.nextBoolean()) {
                phones.add("sil");
            }
        }
        for (String p : phones) {
            for (int pdf : h.hmm(p).pdfs()) {
                for (int d = 0, n = 2 + rnd.nextInt(3); d < n; d++) {
                    seq.add(pdf);
                }
            }
        }
        return seq.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A random word string; a one-phone word is never repeated back to back, since "oh oh" without a pause is the
     * same state sequence as a long "oh" and no acoustic model can tell them apart.
     */
    static List<String> randomSentence(List<String> vocab, int maxLen, Random rnd) {
        List<String> ref = new ArrayList<>();
        for (int j = 0, n = 1 + rnd.nextInt(maxLen); j < n; j++) {
            String w = vocab.get(rnd.nextInt(vocab.size()));
            if (w.equals("oh") && !ref.isEmpty() && ref.get(ref.size() - 1).equals("oh")) {
                j--;
                continue;
            }
            ref.add(w);
        }
        return ref;
    }

    @Test
    void perfectAcousticModelGivesTheReference() {
        Random rnd = new Random(3);
        MapHmms h = hmms(phonesOf(DIGITS_LEXICON), 3, null);
        Pronunciations lex = lexicon(DIGITS_LEXICON);
        DecodingGraph g = DecodingGraph.build(new DecodingGraph.Spec(lex, h, "sil", 0.5));
        List<String> vocab =
                lex.entries().stream().map(Pronunciations.Entry::word).toList();
        List<List<String>> train = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            List<String> s = new ArrayList<>();
            for (int j = 0, n = 1 + rnd.nextInt(6); j < n; j++) {
                s.add(vocab.get(rnd.nextInt(vocab.size())));
            }
            train.add(s);
        }
        NgramLm lm = WittenBell.train(train, vocab, 2);
        DecoderOptions o = new DecoderOptions();
        Decoder d = new Decoder(g, lm, o);
        for (int u = 0; u < 30; u++) {
            List<String> ref = randomSentence(vocab, 7, rnd);
            int[] truth = stateSequence(ref, lex, h, rnd);
            AcousticModel model = new PerfectModel(truth, h.pdfs);
            Decoder.Result r = d.decode(model.logLikelihoods(new Matrix(truth.length, 1)), "utt" + u);
            assertTrue(r.reachedFinal());
            assertEquals(ref, r.words(), "utterance " + u);
        }
    }

    @Test
    void nanFromTheModelIsAClearError() {
        MapHmms h = hmms(List.of("a", "sil"), 2, null);
        DecodingGraph g = DecodingGraph.build(new DecodingGraph.Spec(lexicon("x a"), h, "sil", 0.5));
        Matrix ll = new Matrix(4, h.pdfs);
        ll.set(2, 1, Float.NaN);
        AmdException e =
                assertThrows(AmdException.class, () -> new Decoder(g, null, new DecoderOptions()).decode(ll, "uttN"));
        assertTrue(
                e.getMessage().contains("uttN")
                        && e.getMessage().contains("NaN")
                        && e.getMessage().contains("frame 2"),
                e.getMessage());
    }

    @Test
    void noFinalStateFallsBackToTheBestPartialPath() {
        MapHmms h = hmms(List.of("a", "b", "sil"), 3, null);
        DecodingGraph g = DecodingGraph.build(new DecodingGraph.Spec(lexicon("x a b"), h, "sil", 0.5));
        // two frames cannot pass through a 6-state word nor the 3-state silence, so the root is out of reach
        Matrix ll = new Matrix(2, h.pdfs);
        Decoder.Result r = new Decoder(g, null, new DecoderOptions()).decode(ll, "short");
        assertFalse(r.reachedFinal());
        assertTrue(r.words().isEmpty());
    }

    @Test
    void lexiconPhoneMissingFromTheModelIsAClearError() {
        MapHmms h = hmms(List.of("a", "sil"), 2, null);
        AmdException e = assertThrows(
                AmdException.class, () -> DecodingGraph.build(new DecodingGraph.Spec(lexicon("x a q"), h, "sil", 0.5)));
        assertTrue(e.getMessage().contains("'q'") && e.getMessage().contains("'x'"), e.getMessage());
    }

    @Test
    void graphSerialisationRoundTrips() throws Exception {
        MapHmms h = hmms(phonesOf(DIGITS_LEXICON), 3, new Random(1));
        DecodingGraph g = DecodingGraph.build(new DecodingGraph.Spec(lexicon(DIGITS_LEXICON), h, "sil", 0.5));
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        g.write(bos);
        DecodingGraph back = DecodingGraph.read(new ByteArrayInputStream(bos.toByteArray()));
        assertEquals(g.numNodes(), back.numNodes());
        assertEquals(g.numArcs(), back.numArcs());
        for (int a = 0; a < g.numArcs(); a++) {
            assertEquals(g.arcTo(a), back.arcTo(a));
            assertEquals(g.arcLogProb(a), back.arcLogProb(a));
            assertEquals(g.arcWord(a), back.arcWord(a));
        }
        // the prefix tree shares "s" between six and seven, and "ey t" between eight and eighty
        long sEntries = 0;
        for (int a = g.arcStart(g.rootNode()); a < g.arcEnd(g.rootNode()); a++) {
            sEntries++;
        }
        assertEquals(9, sEntries, "distinct first phones: w t th f s ey n ow z");
    }

    @Test
    void graphCacheIsReusedAndRebuiltWhenInputsChange(@TempDir Path tmp) throws Exception {
        MapHmms h = hmms(phonesOf(DIGITS_LEXICON), 3, new Random(1));
        DecodingGraph.Spec spec = new DecodingGraph.Spec(lexicon(DIGITS_LEXICON), h, "sil", 0.5);
        DecodingGraph g1 = DecodingGraph.cached(spec, tmp);
        Path file = tmp.resolve("graph-" + DecodingGraph.cacheKey(spec) + ".bin");
        assertTrue(Files.exists(file));
        FileTime written = Files.getLastModifiedTime(file);
        DecodingGraph g2 = DecodingGraph.cached(spec, tmp);
        assertEquals(written, Files.getLastModifiedTime(file));
        assertEquals(g1.numArcs(), g2.numArcs());
        // any change of lexicon, silence probability or transition probabilities gives another graph
        String key = DecodingGraph.cacheKey(spec);
        assertFalse(key.equals(DecodingGraph.cacheKey(new DecodingGraph.Spec(lexicon("one w ah n"), h, "sil", 0.5))));
        assertFalse(key.equals(DecodingGraph.cacheKey(new DecodingGraph.Spec(lexicon(DIGITS_LEXICON), h, "sil", 0.3))));
        MapHmms h2 = hmms(phonesOf(DIGITS_LEXICON), 3, new Random(2));
        assertFalse(
                key.equals(DecodingGraph.cacheKey(new DecodingGraph.Spec(lexicon(DIGITS_LEXICON), h2, "sil", 0.5))));
    }

    @Test
    void stateInventoryAdapterGivesLeftToRightHmms() {
        StateInventoryHmms hmms = new StateInventoryHmms(new StateInventoryHmms.StateInventory() {
            @Override
            public int numStates(String phone) {
                return phone.equals("a") ? 3 : 0;
            }

            @Override
            public int pdfId(String phone, int state) {
                return 10 + state;
            }

            @Override
            public double selfLoopLogProb(String phone, int state) {
                return Math.log(0.25);
            }

            @Override
            public int numPdfs() {
                return 13;
            }
        });
        PhoneHmm a = hmms.hmm("a");
        assertEquals(3, a.numStates());
        assertEquals(12, a.pdfs()[2]);
        assertEquals(Math.log(0.75), a.arcLogProb()[1][1], 1e-6);
        assertEquals(3, a.arcTo()[2][1]);
        assertEquals(null, hmms.hmm("b"));
    }

    @Test
    void selectFindsKthLargest() {
        Random rnd = new Random(9);
        for (int t = 0; t < 200; t++) {
            double[] a = new double[1 + rnd.nextInt(50)];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextInt(10);
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            int k = rnd.nextInt(a.length);
            assertEquals(sorted[a.length - 1 - k], Decoder.select(a.clone(), 0, a.length - 1, k));
        }
    }

    /** The search finds the words of noisy synthetic digit strings (its speed is DecoderBenchmark's). */
    @Test
    void noisySyntheticDigitsDecodeWithFewErrors() {
        SyntheticDigitsTask task = SyntheticDigitsTask.make(120, 21);
        DecoderOptions o = SyntheticDigitsTask.options();
        WerSummary wer = new WerSummary();
        for (int u = 0; u < task.refs().size(); u++) {
            Decoder.Result r =
                    new Decoder(task.graph(), task.lm(), o).decode(task.scores().get(u), "u" + u);
            assertTrue(r.reachedFinal(), "utterance " + u);
            wer.add(task.refs().get(u), r.words());
        }
        assertTrue(wer.wer() < 20, wer.lines().get(0));
    }
}
