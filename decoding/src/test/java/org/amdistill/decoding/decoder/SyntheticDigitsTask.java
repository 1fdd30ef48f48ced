package org.amdistill.decoding.decoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.amdistill.core.table.Matrix;
import org.amdistill.decoding.graph.DecodingGraph;
import org.amdistill.decoding.graph.Pronunciations;
import org.amdistill.decoding.lm.NgramLm;
import org.amdistill.decoding.lm.WittenBell;

/**
 * A synthetic connected-digits search task: the digits lexicon with 3-state phones and optional silence, a
 * Witten-Bell bigram over random digit strings, and per utterance noisy hybrid scores around the true state
 * sequence (the true state about 4 nats above the rest, noise of 2 nats, like a decent DNN's).
 */
record SyntheticDigitsTask(DecodingGraph graph, NgramLm lm, List<List<String>> refs, List<Matrix> scores, long frames) {
    static SyntheticDigitsTask make(int utts, long seed) {
        Random rnd = new Random(seed);
        DecoderTest.MapHmms h = DecoderTest.hmms(DecoderTest.phonesOf(DecoderTest.DIGITS_LEXICON), 3, null);
        Pronunciations lex = DecoderTest.lexicon(DecoderTest.DIGITS_LEXICON);
        DecodingGraph g = DecodingGraph.build(new DecodingGraph.Spec(lex, h, "sil", 0.5));
        List<String> vocab =
                lex.entries().stream().map(Pronunciations.Entry::word).toList();
        List<List<String>> train = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            train.add(DecoderTest.randomSentence(vocab, 7, rnd));
        }
        NgramLm lm = WittenBell.train(train, vocab, 2);
        List<List<String>> refs = new ArrayList<>();
        List<Matrix> scores = new ArrayList<>();
        long frames = 0;
        for (int u = 0; u < utts; u++) {
            List<String> ref = DecoderTest.randomSentence(vocab, 7, rnd);
            int[] truth = DecoderTest.stateSequence(ref, lex, h, rnd);
            refs.add(ref);
            scores.add(noisyScores(truth, h.pdfs, rnd));
            frames += truth.length;
        }
        return new SyntheticDigitsTask(g, lm, refs, scores, frames);
    }

    /** Log-likelihoods with the true state about 4 nats above the rest and noise of 2 nats. */
    static Matrix noisyScores(int[] truth, int pdfs, Random rnd) {
        Matrix ll = new Matrix(truth.length, pdfs);
        for (int t = 0; t < truth.length; t++) {
            for (int p = 0; p < pdfs; p++) {
                ll.set(t, p, (float) ((p == truth[t] ? 4 : 0) + 2 * rnd.nextGaussian()));
            }
        }
        return ll;
    }

    static DecoderOptions options() {
        DecoderOptions o = new DecoderOptions();
        o.acousticScale = 0.5;
        return o;
    }
}
