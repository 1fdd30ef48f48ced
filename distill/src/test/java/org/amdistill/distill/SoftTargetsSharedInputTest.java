package org.amdistill.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.amdistill.ensemble.EnsembleModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The teacher's input made once per utterance for all members: the soft targets of each member on its own, to 1e-6. */
class SoftTargetsSharedInputTest {
    private static DnnAcousticModel model(Path dir, long seed) throws Exception {
        int classes = 4;
        Random r = new Random(seed);
        List<Matrix> feats = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        for (int u = 0; u < 3; u++) {
            Matrix m = new Matrix(20, 4);
            int[] lab = new int[20];
            for (int t = 0; t < 20; t++) {
                lab[t] = t % classes;
                for (int d = 0; d < 4; d++) {
                    m.set(t, d, (lab[t] == d ? 1 : 0) + (float) r.nextGaussian() * 0.1f);
                }
            }
            feats.add(m);
            labels.add(lab);
        }
        FrameData data = FrameData.of(List.of("a", "b", "c"), feats, labels);
        DnnConfig c = new DnnConfig();
        c.hiddenLayers = 1;
        c.hiddenDim = 8;
        c.leftContext = 2;
        c.rightContext = 1;
        c.maxEpochs = 1;
        c.minEpochs = 1;
        c.seed = seed;
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < classes; k++) {
            sb.append("P").append(k).append(' ').append(k).append(":0=0.5,1=0.5\n");
        }
        HmmStateInventory inv = HmmStateInventory.fromText(sb.toString());
        return new DnnTrainer(c, inv, new TransitionModel(inv), Map.of())
                .train(data, data, DnnTrainer.hardLabels(classes), null, data, dir, false);
    }

    @Test
    void sameSoftTargetsAsEachMemberOnItsOwn(@TempDir Path dir) throws Exception {
        List<DnnAcousticModel> ms = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            ms.add(model(dir.resolve("m" + k), 20 + k));
        }
        EnsembleModel teacher = new EnsembleModel(ms, EnsembleModel.Combination.ARITHMETIC);
        Random r = new Random(5);
        Matrix y = new Matrix(13, 4);
        for (int i = 0; i < y.data().length; i++) {
            y.data()[i] = (float) r.nextGaussian();
        }
        for (double temperature : new double[] {1.0, 2.0, 5.0}) {
            for (boolean logits : new boolean[] {false, true}) {
                Matrix got = SoftTargets.compute(teacher, y, temperature, logits, 0, SoftTargets.TopKMode.RENORMALISE);
                // the definition, member by member from its own input: softmax(z / T) averaged, or the centred logits
                float[] want = new float[got.data().length];
                for (DnnAcousticModel m : ms) {
                    Matrix z = m.logits(y);
                    int n = z.cols();
                    for (int t = 0; t < z.rows(); t++) {
                        double mean = 0;
                        for (int i = 0; i < n; i++) {
                            mean += z.get(t, i) / n;
                        }
                        if (!logits) {
                            Matrix row = new Matrix(1, n, Arrays.copyOfRange(z.data(), t * n, (t + 1) * n));
                            DnnAcousticModel.logSoftmaxRows(row, temperature);
                            for (int i = 0; i < n; i++) {
                                want[t * n + i] += (float) Math.exp(row.data()[i]) / ms.size();
                            }
                        } else {
                            for (int i = 0; i < n; i++) {
                                want[t * n + i] += (float) (z.get(t, i) - mean) / ms.size();
                            }
                        }
                    }
                }
                assertEquals(y.rows(), got.rows());
                for (int i = 0; i < want.length; i++) {
                    assertEquals(
                            want[i],
                            got.data()[i],
                            logits ? 1e-5 : 1e-6,
                            "T=" + temperature + (logits ? " logits" : " probabilities") + " element " + i);
                }
            }
        }
    }
}
