package org.amdistill.decoding.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.amdistill.core.table.Matrix;
import org.amdistill.decoding.graph.DecodingGraph;
import org.amdistill.decoding.graph.Pronunciations;
import org.amdistill.decoding.lm.NgramLm;
import org.amdistill.decoding.lm.WittenBell;
import org.junit.jupiter.api.Test;

/** The unigram LM look-ahead: its values against a plain search of the graph, and what it does to pruning. */
class LmLookAheadTest {
    /** The words each graph's word ids map to in the LM (as the decoder maps them). */
    static int[] lmWords(DecodingGraph g, NgramLm lm) {
        int[] m = new int[g.numWords()];
        for (int w = 0; w < m.length; w++) {
            m[w] = lm.wordId(g.word(w));
        }
        return m;
    }

    /**
     * The reference: from each node, a depth-first search over arcs without a word, the best unigram of the word arcs
     * it meets (and of {@code </s>} at the final node); -infinity if it meets none (a dead end).
     */
    static double reference(DecodingGraph g, NgramLm lm, int node) {
        boolean[] seen = new boolean[g.numNodes()];
        List<Integer> stack = new ArrayList<>(List.of(node));
        seen[node] = true;
        double best = Double.NEGATIVE_INFINITY;
        while (!stack.isEmpty()) {
            int v = stack.remove(stack.size() - 1);
            if (v == g.rootNode()) {
                best = Math.max(best, lm.log10Prob(new int[0], lm.wordId(NgramLm.EOS)) * Math.log(10));
            }
            for (int a = g.arcStart(v); a < g.arcEnd(v); a++) {
                if (g.arcWord(a) >= 0) {
                    int id = lm.wordId(g.word(g.arcWord(a)));
                    if (id >= 0) {
                        best = Math.max(best, lm.log10Prob(new int[0], id) * Math.log(10));
                    }
                } else if (!seen[g.arcTo(a)]) {
                    seen[g.arcTo(a)] = true;
                    stack.add(g.arcTo(a));
                }
            }
        }
        return best;
    }

    static NgramLm skewedLm(List<String> vocab, Random rnd, int order) {
        List<List<String>> sents = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            List<String> s = new ArrayList<>();
            for (int j = 0, n = 1 + rnd.nextInt(4); j < n; j++) {
                // skewed: the first words of the list are the frequent ones
                s.add(vocab.get(Math.min(vocab.size() - 1, (int) Math.abs(rnd.nextGaussian() * vocab.size() / 3))));
            }
            sents.add(s);
        }
        return WittenBell.train(sents, vocab, order);
    }

    @Test
    void everyNodeHasTheBestUnigramOfTheWordsItCanStillEndIn() {
        List<String> vocab = List.of("one", "two", "three", "four", "five", "six", "seven", "eight", "eighty", "nine");
        for (int trial = 0; trial < 6; trial++) {
            Random rnd = new Random(40 + trial);
            NgramLm lm = skewedLm(vocab, rnd, 1 + trial % 3);
            DecodingGraph g;
            if (trial % 2 == 0) {
                DecoderTest.MapHmms h = DecoderTest.hmms(DecoderTest.phonesOf(DecoderTest.DIGITS_LEXICON), 3, rnd);
                g = DecodingGraph.build(
                        new DecodingGraph.Spec(DecoderTest.lexicon(DecoderTest.DIGITS_LEXICON), h, "sil", 0.5));
            } else {
                ContextDependentDecoderTest.TriphoneHmms h = new ContextDependentDecoderTest.TriphoneHmms(
                        DecoderTest.phonesOf(DecoderTest.DIGITS_LEXICON), 3, 2, rnd);
                g = DecodingGraph.build(
                        new DecodingGraph.Spec(DecoderTest.lexicon(DecoderTest.DIGITS_LEXICON), h, "sil", 0.5));
            }
            float[] la = LmLookAhead.compute(g, lm, lmWords(g, lm));
            int differ = 0;
            for (int v = 0; v < g.numNodes(); v++) {
                double want = reference(g, lm, v);
                if (want == Double.NEGATIVE_INFINITY) {
                    assertEquals(Float.NEGATIVE_INFINITY, la[v], "trial " + trial + ", node " + v);
                    continue;
                }
                assertEquals(want, la[v], 1e-5, "trial " + trial + ", node " + v);
                differ += la[v] != la[g.postWordNode()] ? 1 : 0;
            }
            assertTrue(differ > g.numNodes() / 4, "inside the words the look-ahead narrows: " + differ);
        }
    }

    /**
     * A lexicon word the LM cannot score (as Kaldi's {@code <sil> SIL} entry with an LM without {@code <unk>}) is a
     * dead end: its word end is refused, so a path into it never finishes. The acoustics here favour it; under a
     * narrow beam its tokens used to push every live path out, and the search ended with no final state.
     */
    @Test
    void aWordTheLmCannotScoreIsNoTrapForTheBeam() {
        for (boolean lookAhead : new boolean[] {true, false}) {
            DecoderTest.MapHmms h = DecoderTest.hmms(List.of("a", "b", "sil"), 2, null);
            Pronunciations lex = DecoderTest.lexicon("x a", "trap b");
            for (boolean triphones : new boolean[] {false, true}) {
                DecodingGraph g;
                int pdfs;
                int[] bPdfs;
                if (triphones) {
                    ContextDependentDecoderTest.TriphoneHmms th =
                            new ContextDependentDecoderTest.TriphoneHmms(List.of("a", "b", "sil"), 2, 0, new Random(1));
                    g = DecodingGraph.build(new DecodingGraph.Spec(lex, th, "sil", 0.5));
                    pdfs = th.numPdfs();
                    bPdfs = null;
                } else {
                    g = DecodingGraph.build(new DecodingGraph.Spec(lex, h, "sil", 0.5));
                    pdfs = h.pdfs;
                    bPdfs = h.hmm("b").pdfs();
                }
                NgramLm lm = WittenBell.train(List.of(List.of("x"), List.of("x", "x")), List.of(), 2);
                Matrix ll = new Matrix(30, pdfs);
                java.util.Arrays.fill(ll.data(), -3f);
                for (int t = 0; t < ll.rows(); t++) {
                    for (int p = 0; p < pdfs; p++) {
                        // b's states (every pdf not of a or sil, for the triphones) fit best
                        boolean isB = bPdfs != null ? (p == bPdfs[0] || p == bPdfs[1]) : p >= pdfs / 3;
                        if (isB) {
                            ll.set(t, p, 0f);
                        }
                    }
                }
                DecoderOptions o = new DecoderOptions();
                o.beam = 2;
                o.acousticScale = 1;
                o.lmLookAhead = lookAhead;
                Decoder.Result r = new Decoder(g, lm, o).decode(ll, "u");
                String what = "look-ahead " + lookAhead + ", triphones " + triphones;
                assertTrue(r.reachedFinal(), what + ": " + r);
                assertTrue(!r.words().contains("trap"), what);
                float[] dead = LmLookAhead.of(g, lm, lmWords(g, lm)).deadEnds();
                int deadNodes = 0;
                for (float d : dead) {
                    deadNodes += d == Float.NEGATIVE_INFINITY ? 1 : 0;
                }
                assertTrue(deadNodes >= 2, what + ": the trap word's states are dead ends: " + deadNodes);
            }
        }
    }

    /**
     * A word the acoustics favour a little but the LM strongly disfavours: without look-ahead a narrow beam keeps the
     * poor word's tokens until its end, with it they drop out early, so the search holds fewer tokens per frame.
     */
    @Test
    void theLookAheadPrunesTheTokensOfUnlikelyWordsEarly() {
        Random rnd = new Random(7);
        List<String> lexicon = new ArrayList<>();
        List<String> vocab = new ArrayList<>();
        String[] phones = {"a", "b", "c", "d", "e", "f", "g", "h"};
        // 64 words of four phones: two first phones, then two more
        for (String p1 : phones) {
            for (String p2 : phones) {
                String w = "w" + p1 + p2;
                vocab.add(w);
                lexicon.add(w + " " + p1 + " " + p2 + " " + phones[rnd.nextInt(8)] + " " + phones[rnd.nextInt(8)]);
            }
        }
        List<String> hmmPhones = new ArrayList<>(List.of(phones));
        hmmPhones.add("sil");
        DecoderTest.MapHmms h = DecoderTest.hmms(hmmPhones, 3, null);
        Pronunciations lex = DecoderTest.lexicon(lexicon.toArray(new String[0]));
        DecodingGraph g = DecodingGraph.build(new DecodingGraph.Spec(lex, h, "sil", 0.5));
        // the LM: wa* words are likely, the rest rare (one sentence each against hundreds)
        List<List<String>> sents = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            sents.add(List.of(vocab.get(rnd.nextInt(8))));
        }
        for (String w : vocab) {
            sents.add(List.of(w));
        }
        NgramLm lm = WittenBell.train(sents, vocab, 1);
        // flat acoustics: the LM alone tells the words apart
        int frames = 40;
        Map<Boolean, Long> tokens = new HashMap<>();
        Map<Boolean, List<String>> words = new HashMap<>();
        for (boolean lookAhead : new boolean[] {false, true}) {
            DecoderOptions o = new DecoderOptions();
            o.beam = 4;
            o.acousticScale = 1;
            o.lmLookAhead = lookAhead;
            Decoder d = new Decoder(g, lm, o);
            d.begin("u");
            long sum = 0;
            for (int t = 0; t < frames; t++) {
                Matrix row = new Matrix(1, h.pdfs);
                d.advance(row);
                sum += d.activeTokens();
            }
            tokens.put(lookAhead, sum);
            words.put(lookAhead, d.finish().words());
        }
        assertTrue(
                tokens.get(true) * 2 < tokens.get(false),
                "tokens over the utterance, with look-ahead " + tokens.get(true) + ", without " + tokens.get(false));
        for (String w : words.get(true)) {
            assertTrue(vocab.indexOf(w) < 8, "a likely word: " + words.get(true));
        }
    }
}
