package org.amdistill.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.amdistill.acoustic.AcousticModelLoader;
import org.amdistill.acoustic.dnn.DnnAcousticModel;
import org.amdistill.acoustic.dnn.DnnConfig;
import org.amdistill.acoustic.dnn.DnnTrainer;
import org.amdistill.acoustic.dnn.FrameData;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class EnsembleModelTest {
    static Matrix logs(double... p) {
        float[] d = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = (float) Math.log(p[i]);
        }
        return new Matrix(1, p.length, d);
    }

    @Test
    void arithmeticAndGeometricMeansOfPosteriors() {
        List<Matrix> members = List.of(logs(0.8, 0.2), logs(0.2, 0.8));
        Matrix a = EnsembleModel.combine(members, EnsembleModel.Combination.ARITHMETIC);
        assertEquals(0.5, Math.exp(a.get(0, 0)), 1e-6);
        Matrix g = EnsembleModel.combine(List.of(logs(0.9, 0.1), logs(0.5, 0.5)), EnsembleModel.Combination.GEOMETRIC);
        double p0 = Math.sqrt(0.9 * 0.5);
        double p1 = Math.sqrt(0.1 * 0.5);
        assertEquals(p0 / (p0 + p1), Math.exp(g.get(0, 0)), 1e-6);
        Matrix a2 =
                EnsembleModel.combine(List.of(logs(0.9, 0.1), logs(0.5, 0.5)), EnsembleModel.Combination.ARITHMETIC);
        assertEquals(0.7, Math.exp(a2.get(0, 0)), 1e-6);
    }

    static HmmStateInventory inventory(int classes) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < classes; c++) {
            sb.append("P").append(c).append(' ').append(c).append(":0=0.5,1=0.5\n");
        }
        return HmmStateInventory.fromText(sb.toString());
    }

    public static DnnAcousticModel tinyModel(Path dir, int classes, long seed) throws Exception {
        Random r = new Random(seed);
        List<Matrix> feats = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        for (int u = 0; u < 3; u++) {
            Matrix m = new Matrix(20, 4);
            int[] lab = new int[20];
            for (int t = 0; t < 20; t++) {
                lab[t] = t % classes;
                for (int d = 0; d < 4; d++) {
                    m.set(t, d, (float) (lab[t] == d ? 1 : 0) + (float) r.nextGaussian() * 0.1f);
                }
            }
            feats.add(m);
            labels.add(lab);
        }
        FrameData data = FrameData.of(List.of("a", "b", "c"), feats, labels);
        DnnConfig c = new DnnConfig();
        c.hiddenLayers = 1;
        c.hiddenDim = 8;
        c.leftContext = 0;
        c.rightContext = 0;
        c.maxEpochs = 1;
        c.minEpochs = 1;
        c.seed = seed;
        HmmStateInventory inv = inventory(classes);
        return new DnnTrainer(c, inv, new TransitionModel(inv), Map.of())
                .train(data, data, DnnTrainer.hardLabels(classes), null, data, dir, false);
    }

    @Test
    void ensembleFileLoadsAsAModelAndNamesMissingOrMismatchedMembers(@TempDir Path dir) throws Exception {
        tinyModel(dir.resolve("m1"), 4, 1);
        tinyModel(dir.resolve("m2"), 4, 2);
        tinyModel(dir.resolve("other"), 3, 3);
        Path ens = dir.resolve("ensemble.mdl");
        EnsembleModel.write(
                ens,
                List.of(dir.resolve("m1/final.mdl"), dir.resolve("m2/final.mdl")),
                EnsembleModel.Combination.ARITHMETIC);
        EnsembleModel e = (EnsembleModel) AcousticModelLoader.loadAny(ens);
        assertEquals(2, e.members().size());
        assertEquals(e.members().get(0).numParams() * 2, e.numParams());
        Matrix x = new Matrix(5, 4);
        Matrix post = e.logPosteriors(x);
        for (int t = 0; t < 5; t++) {
            double s = 0;
            for (int p = 0; p < 4; p++) {
                s += Math.exp(post.get(t, p));
            }
            assertEquals(1.0, s, 1e-4, "posteriors sum to one");
        }
        // the shared-input path gives the mean of what each member gives on its own
        Random r = new Random(7);
        Matrix y = new Matrix(9, 4);
        for (int i = 0; i < y.data().length; i++) {
            y.data()[i] = (float) r.nextGaussian();
        }
        Matrix fast = e.logPosteriors(y);
        Matrix slow = EnsembleModel.combine(
                e.members().stream().map(m -> m.logPosteriors(y)).toList(), EnsembleModel.Combination.ARITHMETIC);
        for (int i = 0; i < fast.data().length; i++) {
            assertEquals(slow.data()[i], fast.data()[i], 1e-5, "element " + i);
        }
        Path bad = dir.resolve("bad.mdl");
        EnsembleModel.write(
                bad,
                List.of(dir.resolve("m1/final.mdl"), dir.resolve("other/final.mdl")),
                EnsembleModel.Combination.ARITHMETIC);
        AmdException mismatch = assertThrows(AmdException.class, () -> EnsembleModel.load(bad, null));
        assertTrue(mismatch.getMessage().contains("different HMM state inventory"), mismatch.getMessage());
        Files.delete(dir.resolve("m2/final.mdl"));
        AmdException missing = assertThrows(AmdException.class, () -> EnsembleModel.load(ens, null));
        assertTrue(
                missing.getMessage().contains("m2") && missing.getMessage().contains("missing"), missing.getMessage());
    }

    /** One input per utterance for all members: the same posteriors, to 1e-6, as each member computing its own. */
    @Test
    void theSharedInputGivesEachMembersOwnPosteriors(@TempDir Path dir) throws Exception {
        List<DnnAcousticModel> ms = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            ms.add(tinyModel(dir.resolve("m" + k), 4, 10 + k));
        }
        Random r = new Random(3);
        Matrix y = new Matrix(17, 4);
        for (int i = 0; i < y.data().length; i++) {
            y.data()[i] = (float) r.nextGaussian();
        }
        for (EnsembleModel.Combination c : EnsembleModel.Combination.values()) {
            EnsembleModel e = new EnsembleModel(ms, c);
            assertTrue(e.sharedInput());
            List<Matrix> shared = e.memberLogPosteriors(y);
            List<Matrix> own = ms.stream().map(m -> m.logPosteriors(y)).toList();
            Matrix combinedOwn = EnsembleModel.combine(own, c);
            Matrix combinedShared = e.logPosteriors(y);
            for (int k = 0; k < ms.size(); k++) {
                for (int i = 0; i < own.get(k).data().length; i++) {
                    assertEquals(
                            Math.exp(own.get(k).data()[i]),
                            Math.exp(shared.get(k).data()[i]),
                            1e-6,
                            c + " member " + k + " element " + i);
                }
            }
            for (int i = 0; i < combinedOwn.data().length; i++) {
                assertEquals(
                        Math.exp(combinedOwn.data()[i]), Math.exp(combinedShared.data()[i]), 1e-6, c + " element " + i);
            }
        }
    }

    @Test
    void anEnsemblesFrontEndIsItsMembersAndMembersThatDifferAreNamed(@TempDir Path dir) throws Exception {
        DnnAcousticModel m1 = tinyModel(dir.resolve("m1"), 4, 1);
        DnnAcousticModel m2 = tinyModel(dir.resolve("m2"), 4, 2);
        EnsembleModel e = new EnsembleModel(List.of(m1, m2), EnsembleModel.Combination.ARITHMETIC);
        assertTrue(e.frontEnd().sameAs(m1.frontEnd()));
        // a block of normalised frames scores as the whole utterance does
        Matrix y = new Matrix(6, 4);
        for (int i = 0; i < y.data().length; i++) {
            y.data()[i] = (float) Math.sin(i);
        }
        Matrix norm = m1.cmvn().apply(y.copy());
        assertArrayEquals(
                e.logPosteriors(y).data(),
                e.logPosteriorsOfNormalised(norm, 0, 6).data(),
                1e-5f);
        org.amdistill.frontend.FbankOptions f = new org.amdistill.frontend.FbankOptions();
        f.mel.numBins = 4;
        EnsembleModel mixed = new EnsembleModel(List.of(m1, m2.withFbank(f)), EnsembleModel.Combination.ARITHMETIC);
        AmdException ex = assertThrows(AmdException.class, mixed::frontEnd);
        assertEquals(
                "ensemble member 2 has another front end than member 1 (filterbank, CMVN or context window)",
                ex.getMessage());
    }
}
