package org.amdistill.decoding.decoder;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.amdistill.core.table.Matrix;
import org.amdistill.decoding.graph.DecodingGraph;
import org.amdistill.decoding.graph.Pronunciations;
import org.amdistill.decoding.lm.NgramLm;
import org.amdistill.decoding.lm.WittenBell;
import org.amdistill.decoding.scoring.WerSummary;
import org.junit.jupiter.api.Test;

/**
 * Real-time factor of the search alone (no network) on a synthetic digits task: noisy hybrid scores around the
 * true state sequence, Kaldi's default beam 16 and max-active 7000, a Witten-Bell bigram, utterances on 2 threads.
 * Prints the figure; asserts only a loose bound since CI machines are shared.
 */
class DecoderSpeedTest {
    @Test
    void searchRealTimeFactorOnSyntheticDigits() throws Exception {
        Random rnd = new Random(21);
        DecoderTest.MapHmms h = DecoderTest.hmms(DecoderTest.phonesOf(DecoderTest.DIGITS_LEXICON), 3, null);
        Pronunciations lex = DecoderTest.lexicon(DecoderTest.DIGITS_LEXICON);
        DecodingGraph g = DecodingGraph.build(new DecodingGraph.Spec(lex, h, "sil", 0.5));
        List<String> vocab = lex.entries().stream().map(Pronunciations.Entry::word).toList();
        List<List<String>> train = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            train.add(DecoderTest.randomSentence(vocab, 7, rnd));
        }
        NgramLm lm = WittenBell.train(train, vocab, 2);
        int utts = 120;
        List<List<String>> refs = new ArrayList<>();
        List<Matrix> scores = new ArrayList<>();
        long frames = 0;
        for (int u = 0; u < utts; u++) {
            List<String> ref = DecoderTest.randomSentence(vocab, 7, rnd);
            int[] truth = DecoderTest.stateSequence(ref, lex, h, rnd);
            // log-likelihood ratios like a decent DNN's: the true state ~4 nats above the rest, noise of 2 nats
            Matrix ll = new Matrix(truth.length, h.pdfs);
            for (int t = 0; t < truth.length; t++) {
                for (int p = 0; p < h.pdfs; p++) {
                    ll.set(t, p, (float) ((p == truth[t] ? 4 : 0) + 2 * rnd.nextGaussian()));
                }
            }
            refs.add(ref);
            scores.add(ll);
            frames += truth.length;
        }
        DecoderOptions o = new DecoderOptions();
        o.acousticScale = 0.5;
        // warm up the JIT, then time
        ExecutorService pool = Executors.newFixedThreadPool(2);
        double rtf = 0;
        WerSummary wer = null;
        try {
            for (int round = 0; round < 2; round++) {
                long t0 = System.nanoTime();
                List<Future<Decoder.Result>> fs = new ArrayList<>();
                for (int u = 0; u < utts; u++) {
                    Matrix ll = scores.get(u);
                    String id = "u" + u;
                    fs.add(pool.submit(() -> new Decoder(g, lm, o).decode(ll, id)));
                }
                wer = new WerSummary();
                for (int u = 0; u < utts; u++) {
                    wer.add(refs.get(u), fs.get(u).get().words());
                }
                rtf = (System.nanoTime() - t0) / 1e9 / (frames * 0.01);
            }
        } finally {
            pool.shutdown();
        }
        System.out.printf(Locale.ROOT, "LOG (DecoderSpeedTest) search RTF %.4f on 2 threads, %d utterances, %.1f s of audio, %d graph nodes; %s%n",
                rtf, utts, frames * 0.01, g.numNodes(), wer.lines().get(0));
        assertTrue(rtf < 0.5, "search RTF " + rtf);
        assertTrue(wer.wer() < 20, wer.lines().get(0));
    }

    /** A 3000-word vocabulary in a prefix tree with a trigram: the search stays well below real time. */
    @Test
    void largeVocabularyTrigram() throws Exception {
        Random rnd = new Random(5);
        List<String> phones = new ArrayList<>(List.of("sil"));
        for (int i = 0; i < 40; i++) {
            phones.add("p" + i);
        }
        DecoderTest.MapHmms h = DecoderTest.hmms(phones, 3, null);
        List<String> entries = new ArrayList<>();
        java.util.Set<String> prons = new java.util.HashSet<>();
        while (entries.size() < 3000) {
            StringBuilder pr = new StringBuilder();
            for (int j = 0, n = 3 + rnd.nextInt(6); j < n; j++) {
                pr.append(" p").append(rnd.nextInt(40));
            }
            if (prons.add(pr.toString())) {
                entries.add("w" + entries.size() + pr);
            }
        }
        Pronunciations lex = DecoderTest.lexicon(entries.toArray(new String[0]));
        DecodingGraph g = DecodingGraph.build(new DecodingGraph.Spec(lex, h, "sil", 0.5));
        List<String> vocab = lex.entries().stream().map(Pronunciations.Entry::word).toList();
        List<List<String>> train = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            List<String> s = new ArrayList<>();
            for (int j = 0, n = 2 + rnd.nextInt(10); j < n; j++) {
                s.add(vocab.get((int) Math.min(vocab.size() - 1, Math.abs(rnd.nextGaussian()) * 600)));
            }
            train.add(s);
        }
        NgramLm lm = WittenBell.train(train, vocab, 3);
        DecoderOptions o = new DecoderOptions();
        o.acousticScale = 0.5;
        o.beam = 12;
        o.maxActive = 5000;
        long frames = 0;
        double seconds = 0;
        WerSummary wer = new WerSummary();
        for (int round = 0; round < 2; round++) {
            frames = 0;
            wer = new WerSummary();
            long t0 = System.nanoTime();
            Random r2 = new Random(77);
            for (int u = 0; u < 10; u++) {
                List<String> ref = train.get(r2.nextInt(train.size()));
                int[] truth = DecoderTest.stateSequence(ref, lex, h, r2);
                Matrix ll = new Matrix(truth.length, h.pdfs);
                for (int t = 0; t < truth.length; t++) {
                    for (int p = 0; p < h.pdfs; p++) {
                        ll.set(t, p, (float) ((p == truth[t] ? 4 : 0) + 2 * r2.nextGaussian()));
                    }
                }
                long s0 = System.nanoTime();
                wer.add(ref, new Decoder(g, lm, o).decode(ll, "u" + u).words());
                seconds += (System.nanoTime() - s0) / 1e9;
                frames += truth.length;
            }
            if (round == 0) {
                seconds = 0;
            }
        }
        double rtf = seconds / (frames * 0.01);
        System.out.printf(Locale.ROOT, "LOG (DecoderSpeedTest) 3000 words, trigram (%d/%d/%d n-grams), %d graph nodes: search RTF %.4f on 1 thread; %s%n",
                lm.count(1), lm.count(2), lm.count(3), g.numNodes(), rtf, wer.lines().get(0));
        assertTrue(rtf < 2, "search RTF " + rtf);
    }
}
