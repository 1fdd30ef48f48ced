package org.amdistill.acoustic.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.amdistill.acoustic.SyntheticAlignData;
import org.amdistill.acoustic.align.AlignmentGraph;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Matrix;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonophoneTrainerTest {
    /**
     * Viterbi training alternates a re-alignment (best path for the current model) and an EM update (better model
     * for the current path), so the data log-likelihood per frame the trainer reports must not go down from one
     * iteration to the next, mixture splits included (a split costs almost nothing before the update that follows).
     */
    @Test
    void logLikelihoodPerFrameDoesNotDecrease(@TempDir Path dir) throws Exception {
        HmmStateInventory inv = HmmStateInventory.fromLang(SyntheticAlignData.lang(dir));
        Random rnd = new Random(3);
        GmmFeatures gf = new GmmFeatures(4, 22);
        List<SyntheticAlignData.Utt> utts = SyntheticAlignData.utterances(inv, 60, 6, rnd);
        float[][] means = SyntheticAlignData.means(inv.numPdfs(), gf.dim(), 1.5, rnd);
        TransitionModel tm = new TransitionModel(inv);
        List<MonophoneTrainer.Utterance> train = new ArrayList<>();
        for (SyntheticAlignData.Utt u : utts) {
            // the transcript's phones with optional silences, as train-mono builds graphs (the truth has silence at
            // both ends)
            List<String> slots = new ArrayList<>();
            slots.add("?SIL");
            slots.addAll(u.phones().subList(1, u.phones().size() - 1));
            slots.add("?SIL");
            train.add(new MonophoneTrainer.Utterance(
                    u.key(), SyntheticAlignData.features(u, means, 1.0, rnd), AlignmentGraph.build(slots, tm, 0.5)));
        }
        MonophoneTrainer.Options o = new MonophoneTrainer.Options();
        o.numIters = 12;
        o.maxIterInc = 8;
        o.totGauss = 120;
        o.realignIters = List.of(1, 2, 3, 4, 5, 6, 7, 8, 10);
        o.numThreads = 2;
        MonophoneTrainer.Result r = new MonophoneTrainer(o, inv).train(gf, train);
        double[] ll = r.logLikePerFrame();
        assertEquals(o.numIters + 1, ll.length);
        StringBuilder trace = new StringBuilder();
        for (double v : ll) {
            trace.append(String.format(Locale.ROOT, " %.4f", v));
        }
        System.out.println("log-likelihood per frame by iteration:" + trace);
        for (int i = 1; i < ll.length; i++) {
            assertTrue(
                    ll[i] >= ll[i - 1] - 1e-4,
                    "iteration " + i + ": " + ll[i] + " < " + ll[i - 1] + " (all:" + trace + ")");
        }
        assertTrue(ll[ll.length - 1] > ll[0] + 1, "training gains: " + trace);
    }

    @Test
    void staticCepstraModelsKeepTheirDeltaOrderInTheModelFile(@TempDir Path dir) throws Exception {
        HmmStateInventory inv = HmmStateInventory.fromLang(SyntheticAlignData.lang(dir));
        Random rnd = new Random(5);
        GmmFeatures gf = new GmmFeatures(4, 22, 0);
        assertEquals(4, gf.dim(), "static cepstra alone");
        AmdException bad = Assertions.assertThrows(AmdException.class, () -> new GmmFeatures(4, 22, 3));
        assertTrue(bad.getMessage().contains("delta order must be 0, 1 or 2, got 3"), bad.getMessage());
        List<SyntheticAlignData.Utt> utts = SyntheticAlignData.utterances(inv, 20, 6, rnd);
        float[][] means = SyntheticAlignData.means(inv.numPdfs(), 22, 1.5, rnd);
        TransitionModel tm = new TransitionModel(inv);
        List<MonophoneTrainer.Utterance> train = new ArrayList<>();
        for (SyntheticAlignData.Utt u : utts) {
            train.add(new MonophoneTrainer.Utterance(
                    u.key(),
                    SyntheticAlignData.features(u, means, 1.0, rnd),
                    AlignmentGraph.build(u.phones(), tm, 0.5)));
        }
        MonophoneTrainer.Options o = new MonophoneTrainer.Options();
        o.numIters = 3;
        o.totGauss = 40;
        o.realignIters = List.of(1, 2);
        GmmAcousticModel m = new MonophoneTrainer(o, inv).train(gf, train).model();
        Path file = dir.resolve("static.mdl");
        m.save(file);
        GmmAcousticModel back = GmmAcousticModel.load(file);
        assertEquals(0, back.features.deltaOrder());
        Matrix x = train.get(0).feats();
        Assertions.assertArrayEquals(
                m.logLikelihoods(x).data(),
                back.logLikelihoods(x).data(),
                1e-2f,
                "the loaded model scores as the trained one (its text keeps 7 digits)");
        // a model file from before delta-order: Kaldi's deltas and accelerations
        Files.writeString(file, Files.readString(file).replace(" delta-order=0", ""));
        assertEquals(2, GmmAcousticModel.load(file).features.deltaOrder());
    }
}
