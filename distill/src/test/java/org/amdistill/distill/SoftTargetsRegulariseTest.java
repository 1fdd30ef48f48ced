package org.amdistill.distill;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.amdistill.acoustic.dnn.DnnAcousticModel;
import org.amdistill.acoustic.dnn.DnnConfig;
import org.amdistill.acoustic.dnn.DnnTrainer;
import org.amdistill.acoustic.dnn.FrameData;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.table.Matrix;
import org.amdistill.frontend.Cmvn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paper's regulariser result on a problem where it is known to hold: 20 overlapping Gaussian classes; a
 * teacher trained on plenty of data; two identical students trained on 2 % of it, one on hard labels, one on the
 * teacher's soft targets. The soft-target student generalises clearly better.
 */
class SoftTargetsRegulariseTest {
    static final int CLASSES = 20;
    static final int DIM = 12;

    static FrameData generate(Random r, float[][] means, int utts, int frames) {
        List<String> keys = new ArrayList<>();
        List<Matrix> feats = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        for (int u = 0; u < utts; u++) {
            Matrix m = new Matrix(frames, DIM);
            int[] lab = new int[frames];
            for (int t = 0; t < frames; t++) {
                lab[t] = r.nextInt(CLASSES);
                for (int d = 0; d < DIM; d++) {
                    m.set(t, d, (float) (means[lab[t]][d] + 1.3 * r.nextGaussian()));
                }
            }
            keys.add(String.format("u%04d", u));
            feats.add(m);
            labels.add(lab);
        }
        return FrameData.of(keys, feats, labels);
    }

    static HmmStateInventory inventory() {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < CLASSES; c++) {
            sb.append("P").append(c).append(' ').append(c).append(":0=0.5,1=0.5\n");
        }
        return HmmStateInventory.fromText(sb.toString());
    }

    static DnnConfig config(long seed, int epochs) {
        DnnConfig c = new DnnConfig();
        c.hiddenLayers = 2;
        c.hiddenDim = 128;
        c.leftContext = 0;
        c.rightContext = 0;
        c.cmvn = Cmvn.Mode.NONE;
        c.minibatchSize = 64;
        c.maxEpochs = epochs;
        c.minEpochs = epochs;
        c.lrSchedule = DnnConfig.LrSchedule.CONSTANT;
        c.patience = epochs;
        c.seed = seed;
        return c;
    }

    static double accuracy(DnnAcousticModel m, FrameData test) {
        long ok = 0;
        long n = 0;
        for (int u = 0; u < test.keys.size(); u++) {
            Matrix p = m.logPosteriors(test.feats.get(u));
            int[] lab = test.labels.get(u);
            for (int t = 0; t < lab.length; t++) {
                int best = 0;
                for (int c = 1; c < CLASSES; c++) {
                    if (p.get(t, c) > p.get(t, best)) {
                        best = c;
                    }
                }
                ok += best == lab[t] ? 1 : 0;
                n++;
            }
        }
        return ok / (double) n;
    }

    @Test
    void softTargetsBeatHardLabelsOnTwoPercentOfTheData(@TempDir Path dir) throws Exception {
        Random r = new Random(7);
        // Classes in 5 clusters of 4: confusable within a cluster, which soft targets describe and one-hot labels hide.
        float[][] means = new float[CLASSES][DIM];
        for (int k = 0; k < 5; k++) {
            float[] centre = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                centre[d] = (float) (3 * r.nextGaussian());
            }
            for (int j = 0; j < 4; j++) {
                for (int d = 0; d < DIM; d++) {
                    means[k * 4 + j][d] = centre[d] + (float) (1.0 * r.nextGaussian());
                }
            }
        }
        FrameData big = generate(r, means, 100, 200); // 20,000 frames for the teacher
        FrameData small = generate(r, means, 4, 100); // 400 frames: 2 % of it
        FrameData dev = generate(r, means, 10, 200);
        FrameData test = generate(r, means, 20, 200);
        HmmStateInventory inv = inventory();
        TransitionModel tm = new TransitionModel(inv);
        DnnAcousticModel teacher = new DnnTrainer(config(1, 6), inv, tm, Map.of())
                .train(big, dev, DnnTrainer.hardLabels(CLASSES), null, big, dir.resolve("teacher"), false);

        double t = 2.0;
        Matrix[] soft = new Matrix[small.keys.size()];
        for (int u = 0; u < soft.length; u++) {
            soft[u] = SoftTargets.compute(teacher, small.feats.get(u), t, false, 0, SoftTargets.TopKMode.RENORMALISE);
        }
        DnnTrainer.Targets softTargets = new DnnTrainer.Targets() {
            @Override
            public int width() {
                return 2 * CLASSES;
            }

            @Override
            public DnnTrainer.UtteranceTargets of(String key, int[] labels, int numFrames) {
                Matrix s = soft[small.keys.indexOf(key)];
                return (f, dst, off) -> {
                    System.arraycopy(s.data(), f * CLASSES, dst, off, CLASSES);
                    Arrays.fill(dst, off + CLASSES, off + 2 * CLASSES, 0f);
                    dst[off + CLASSES + labels[f]] = 1f;
                };
            }
        };
        DnnAcousticModel hardStudent = new DnnTrainer(config(2, 40), inv, tm, Map.of())
                .train(small, dev, DnnTrainer.hardLabels(CLASSES), null, small, dir.resolve("hard"), false);
        DnnAcousticModel softStudent = new DnnTrainer(config(2, 40), inv, tm, Map.of())
                .train(small, dev, softTargets, new DistillationLoss(t, 0.1, false), small, dir.resolve("soft"), false);
        double teacherAcc = accuracy(teacher, test);
        double hardAcc = accuracy(hardStudent, test);
        double softAcc = accuracy(softStudent, test);
        System.out.printf(
                "held-out accuracy: teacher %.3f, hard-label student %.3f, soft-target student %.3f%n",
                teacherAcc, hardAcc, softAcc);
        assertTrue(softAcc > hardAcc + 0.02, "soft targets regularise: soft " + softAcc + " vs hard " + hardAcc);
    }
}
