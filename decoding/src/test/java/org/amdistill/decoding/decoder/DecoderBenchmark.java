package org.amdistill.decoding.decoder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Future;
import org.amdistill.core.cli.Workers;
import org.amdistill.core.table.Matrix;
import org.amdistill.decoding.graph.DecodingGraph;
import org.amdistill.decoding.graph.Pronunciations;
import org.amdistill.decoding.lm.NgramLm;
import org.amdistill.decoding.lm.WittenBell;
import org.amdistill.decoding.scoring.WerSummary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Speed of the search alone (no network), printed, not asserted (a shared machine makes timed assertions flaky):
 * the real-time factor on the synthetic digits task with Kaldi's default beam 16 and max-active 7000 on 2 threads,
 * and on a 3000-word vocabulary with a trigram on 1 thread. Run with
 * {@code mvn -pl decoding -am test -Dtest=DecoderBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dexcluded.groups=none}.
 * What the search finds is checked by DecoderTest.
 */
@Tag("benchmark")
class DecoderBenchmark {
    @Test
    void searchRealTimeFactorOnSyntheticDigits() throws Exception {
        int utts = 120;
        SyntheticDigitsTask task = SyntheticDigitsTask.make(utts, 21);
        DecoderOptions o = SyntheticDigitsTask.options();
        double rtf = 0;
        WerSummary wer = null;
        try (Workers workers = Workers.start("bench-decoder", 2)) {
            for (int round = 0; round < 2; round++) { // the first round warms up the JIT
                long t0 = System.nanoTime();
                List<Future<Decoder.Result>> fs = new ArrayList<>();
                for (int u = 0; u < utts; u++) {
                    Matrix ll = task.scores().get(u);
                    String id = "u" + u;
                    fs.add(workers.submit(() -> new Decoder(task.graph(), task.lm(), o).decode(ll, id)));
                }
                wer = new WerSummary();
                for (int u = 0; u < utts; u++) {
                    wer.add(task.refs().get(u), fs.get(u).get().words());
                }
                rtf = (System.nanoTime() - t0) / 1e9 / (task.frames() * 0.01);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "LOG (DecoderBenchmark) search RTF %.4f on 2 threads, %d utterances, %.1f s of audio, %d graph nodes; %s%n",
                rtf,
                utts,
                task.frames() * 0.01,
                task.graph().numNodes(),
                wer.lines().get(0));
    }

    /** A 3000-word vocabulary in a prefix tree with a trigram, one utterance at a time. */
    @Test
    void largeVocabularyTrigram() throws Exception {
        Random rnd = new Random(5);
        List<String> phones = new ArrayList<>(List.of("sil"));
        for (int i = 0; i < 40; i++) {
            phones.add("p" + i);
        }
        DecoderTest.MapHmms h = DecoderTest.hmms(phones, 3, null);
        List<String> entries = new ArrayList<>();
        Set<String> prons = new HashSet<>();
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
        List<String> vocab =
                lex.entries().stream().map(Pronunciations.Entry::word).toList();
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
            Random r2 = new Random(77);
            for (int u = 0; u < 10; u++) {
                List<String> ref = train.get(r2.nextInt(train.size()));
                int[] truth = DecoderTest.stateSequence(ref, lex, h, r2);
                Matrix ll = SyntheticDigitsTask.noisyScores(truth, h.pdfs, r2);
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
        System.out.printf(
                Locale.ROOT,
                "LOG (DecoderBenchmark) 3000 words, trigram (%d/%d/%d n-grams), %d graph nodes: search RTF %.4f on 1 thread; %s%n",
                lm.count(1),
                lm.count(2),
                lm.count(3),
                g.numNodes(),
                rtf,
                wer.lines().get(0));
    }
}
