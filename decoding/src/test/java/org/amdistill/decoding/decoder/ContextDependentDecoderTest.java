package org.amdistill.decoding.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.amdistill.core.table.Matrix;
import org.amdistill.decoding.graph.DecodingGraph;
import org.amdistill.decoding.graph.PhoneHmm;
import org.amdistill.decoding.graph.PhoneHmms;
import org.amdistill.decoding.graph.Pronunciations;
import org.amdistill.decoding.lm.NgramLm;
import org.amdistill.decoding.lm.WittenBell;
import org.junit.jupiter.api.Test;

/**
 * The context-dependent graph checked against a reference that knows nothing of it: every word sequence and choice
 * of optional silences, each spelled out as its own chain of triphone HMMs and scored by plain Viterbi.
 */
class ContextDependentDecoderTest {
    /** Triphone HMMs: each (left, phone, right, state) drawn into one of {@code tying} pdfs of that (phone, state). */
    static final class TriphoneHmms implements PhoneHmms {
        final Map<String, Integer> numStates = new HashMap<>();
        final Map<String, float[]> loop = new HashMap<>();
        final Map<String, Integer> pdfOf = new HashMap<>();
        final List<String> phones;
        final int tying;
        final Random rnd;
        int pdfs;

        TriphoneHmms(List<String> phones, int maxStates, int tying, Random rnd) {
            this.phones = phones;
            this.tying = tying;
            this.rnd = rnd;
            for (String p : phones) {
                int n = 1 + rnd.nextInt(maxStates);
                numStates.put(p, n);
                float[] l = new float[n];
                for (int s = 0; s < n; s++) {
                    l[s] = (float) (0.1 + 0.8 * rnd.nextDouble());
                }
                loop.put(p, l);
            }
        }

        @Override
        public PhoneHmm hmm(String phone) {
            return hmm(null, phone, null);
        }

        @Override
        public boolean contextDependent() {
            return true;
        }

        @Override
        public synchronized PhoneHmm hmm(String left, String phone, String right) {
            Integer n = numStates.get(phone);
            if (n == null) {
                return null;
            }
            int[] p = new int[n];
            for (int s = 0; s < n; s++) {
                String base = phone + "/" + s;
                int k = tying == 0 ? 0 : Math.floorMod((left + "|" + right).hashCode() * 31 + s, tying);
                p[s] = pdfOf.computeIfAbsent(base + "#" + (tying == 0 ? left + "|" + right : k), x -> pdfs++);
            }
            int[][] to = new int[n][];
            float[][] lp = new float[n][];
            for (int s = 0; s < n; s++) {
                to[s] = new int[] {s, s + 1};
                float l = loop.get(phone)[s];
                lp[s] = new float[] {(float) Math.log(l), (float) Math.log(1 - l)};
            }
            return new PhoneHmm(p, to, lp);
        }

        @Override
        public int numPdfs() {
            return pdfs;
        }
    }

    /** The best path of one phone sequence over all frames: a chain of HMMs, each left at its last state's exit arc. */
    static double viterbi(List<PhoneHmm> chain, Matrix ll, double acScale) {
        List<int[]> nodes = new ArrayList<>(); // {hmm index, state}
        for (int h = 0; h < chain.size(); h++) {
            for (int s = 0; s < chain.get(h).numStates(); s++) {
                nodes.add(new int[] {h, s});
            }
        }
        int n = nodes.size();
        double[] cur = new double[n];
        java.util.Arrays.fill(cur, Double.NEGATIVE_INFINITY);
        cur[0] = acScale * ll.get(0, chain.get(0).pdfs()[0]);
        int[] first = new int[chain.size() + 1];
        for (int h = 0, k = 0; h < chain.size(); h++) {
            first[h] = k;
            k += chain.get(h).numStates();
            first[h + 1] = k;
        }
        for (int t = 1; t < ll.rows(); t++) {
            double[] next = new double[n];
            java.util.Arrays.fill(next, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                if (cur[i] == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                PhoneHmm h = chain.get(nodes.get(i)[0]);
                int s = nodes.get(i)[1];
                for (int k = 0; k < h.arcTo()[s].length; k++) {
                    int d = h.arcTo()[s][k];
                    int j = d < h.numStates()
                            ? first[nodes.get(i)[0]] + d
                            : (nodes.get(i)[0] + 1 < chain.size() ? first[nodes.get(i)[0] + 1] : -1);
                    if (j >= 0) {
                        next[j] = Math.max(next[j], cur[i] + h.arcLogProb()[s][k]);
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                if (next[j] > Double.NEGATIVE_INFINITY) {
                    PhoneHmm h = chain.get(nodes.get(j)[0]);
                    next[j] += acScale * ll.get(t, h.pdfs()[nodes.get(j)[1]]);
                }
            }
            cur = next;
        }
        PhoneHmm last = chain.get(chain.size() - 1);
        double best = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < last.numStates(); s++) {
            for (int k = 0; k < last.arcTo()[s].length; k++) {
                if (last.arcTo()[s][k] == last.numStates()) {
                    best = Math.max(best, cur[first[chain.size() - 1] + s] + last.arcLogProb()[s][k]);
                }
            }
        }
        return best;
    }

    /** Every sentence of up to {@code maxWords} words (none: silence alone), every silence choice: the best total score and its words. */
    static DecoderTest.Best reference(
            Pronunciations lex, PhoneHmms h, NgramLm lm, DecoderOptions o, Matrix ll, double silProb, int maxWords) {
        List<String> vocab =
                lex.entries().stream().map(Pronunciations.Entry::word).toList();
        Map<String, List<String>> pron = new HashMap<>();
        lex.entries().forEach(e -> pron.put(e.word(), e.phones()));
        DecoderTest.Best best = new DecoderTest.Best(Double.NEGATIVE_INFINITY, null);
        List<List<String>> sentences = new ArrayList<>();
        sentences.add(new ArrayList<>());
        for (int len = 1; len <= maxWords; len++) {
            List<List<String>> more = new ArrayList<>();
            for (List<String> s : sentences) {
                if (s.size() == len - 1) {
                    for (String w : vocab) {
                        List<String> t = new ArrayList<>(s);
                        t.add(w);
                        more.add(t);
                    }
                }
            }
            sentences.addAll(more);
        }
        for (List<String> words : sentences) {
            double lmScore = 0;
            int state = lm == null ? 0 : lm.startState();
            for (String w : words) {
                if (lm != null) {
                    long[] arc = lm.next(state, lm.wordId(w));
                    lmScore += o.lmWeight * NgramLm.arcLogProb(arc);
                    state = NgramLm.arcNextState(arc);
                }
                lmScore -= o.wordInsPenalty;
            }
            if (lm != null) {
                lmScore += o.lmWeight * NgramLm.arcLogProb(lm.next(state, lm.wordId(NgramLm.EOS)));
            }
            for (int mask = 0; mask < 1 << (words.size() + 1); mask++) {
                List<String> phones = new ArrayList<>();
                double silScore = 0;
                for (int i = 0; i <= words.size(); i++) {
                    boolean sil = (mask >> i & 1) == 1;
                    silScore += Math.log(sil ? silProb : 1 - silProb);
                    if (sil) {
                        phones.add("sil");
                    }
                    if (i < words.size()) {
                        phones.addAll(pron.get(words.get(i)));
                    }
                }
                if (phones.isEmpty()) {
                    continue; // no words and no silence: no frames
                }
                List<PhoneHmm> chain = new ArrayList<>();
                for (int k = 0; k < phones.size(); k++) {
                    chain.add(h.hmm(
                            k > 0 ? phones.get(k - 1) : null,
                            phones.get(k),
                            k + 1 < phones.size() ? phones.get(k + 1) : null));
                }
                double total = lmScore + silScore + viterbi(chain, ll, o.acousticScale);
                if (total > best.score() + 1e-9) {
                    best = new DecoderTest.Best(total, words);
                }
            }
        }
        return best;
    }

    @Test
    void beamSearchOnTheTriphoneGraphFindsTheExhaustiveBest() {
        int reached = 0;
        for (int trial = 0; trial < 30; trial++) {
            Random rnd = new Random(500 + trial);
            TriphoneHmms h = new TriphoneHmms(List.of("a", "b", "c", "sil"), 2, 1 + trial % 3, rnd);
            Pronunciations lex = DecoderTest.lexicon("x a", "y a b", "z c b a");
            double silProb = 0.2 + 0.5 * rnd.nextDouble();
            DecodingGraph g = DecodingGraph.build(new DecodingGraph.Spec(lex, h, "sil", silProb));
            List<List<String>> sents = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sents.add(DecoderTest.randomSentence(List.of("x", "y", "z"), 3, rnd));
            }
            NgramLm lm = trial % 4 == 3 ? null : WittenBell.train(sents, List.of(), 1 + trial % 3);
            int frames = 3 + rnd.nextInt(3);
            Matrix ll = new Matrix(frames, h.numPdfs());
            for (int i = 0; i < ll.data().length; i++) {
                ll.data()[i] = (float) (-5 * rnd.nextDouble());
            }
            DecoderOptions o = new DecoderOptions();
            o.acousticScale = 0.5 + rnd.nextDouble();
            o.lmWeight = 0.5 + rnd.nextDouble();
            o.wordInsPenalty = rnd.nextDouble() - 0.5;
            o.beam = 1e9;
            o.maxActive = Integer.MAX_VALUE;
            DecoderTest.Best ref = reference(lex, h, lm, o, ll, silProb, Math.min(frames, 4));
            for (boolean lookAhead : new boolean[] {true, false}) {
                o.lmLookAhead = lookAhead;
                Decoder.Result r = new Decoder(g, lm, o).decode(ll, "t" + trial);
                String what = "trial " + trial + ", look-ahead " + lookAhead;
                if (ref.words() == null) {
                    assertFalse(r.reachedFinal(), what);
                    continue;
                }
                assertTrue(r.reachedFinal(), what);
                assertEquals(
                        ref.score(), r.score(), 1e-4, what + ": reference " + ref.words() + ", decoder " + r.words());
                assertEquals(ref.words(), r.words(), what);
            }
            if (ref.words() != null) {
                reached++;
            }
        }
        assertTrue(reached >= 20, "most trials reach a final state: " + reached);
    }

    @Test
    void perfectTriphoneModelGivesTheReference() {
        Random rnd = new Random(9);
        List<String> phones = DecoderTest.phonesOf(DecoderTest.DIGITS_LEXICON);
        TriphoneHmms h = new TriphoneHmms(phones, 3, 0, rnd);
        Pronunciations lex = DecoderTest.lexicon(DecoderTest.DIGITS_LEXICON);
        DecodingGraph g = DecodingGraph.build(new DecodingGraph.Spec(lex, h, "sil", 0.5));
        List<String> vocab =
                lex.entries().stream().map(Pronunciations.Entry::word).toList();
        NgramLm lm = WittenBell.train(List.of(vocab), vocab, 1);
        Decoder d = new Decoder(g, lm, new DecoderOptions());
        Map<String, List<String>> pron = new HashMap<>();
        lex.entries().forEach(e -> pron.put(e.word(), e.phones()));
        for (int u = 0; u < 30; u++) {
            List<String> ref = DecoderTest.randomSentence(vocab, 6, rnd);
            List<String> seq = new ArrayList<>();
            if (rnd.nextBoolean()) {
                seq.add("sil");
            }
            for (String w : ref) {
                seq.addAll(pron.get(w));
                if (rnd.nextBoolean()) {
                    seq.add("sil");
                }
            }
            List<Integer> truth = new ArrayList<>();
            for (int k = 0; k < seq.size(); k++) {
                PhoneHmm hmm =
                        h.hmm(k > 0 ? seq.get(k - 1) : null, seq.get(k), k + 1 < seq.size() ? seq.get(k + 1) : null);
                for (int pdf : hmm.pdfs()) {
                    for (int n = 0, dur = 1 + rnd.nextInt(3); n < dur; n++) {
                        truth.add(pdf);
                    }
                }
            }
            int[] t = truth.stream().mapToInt(Integer::intValue).toArray();
            DecoderTest.PerfectModel model = new DecoderTest.PerfectModel(t, h.numPdfs());
            Decoder.Result r = d.decode(model.logLikelihoods(new Matrix(t.length, 1)), "utt" + u);
            assertTrue(r.reachedFinal());
            assertEquals(ref, r.words(), "utterance " + u);
        }
    }
}
