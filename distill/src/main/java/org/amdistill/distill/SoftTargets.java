package org.amdistill.distill;

import java.util.Arrays;
import java.util.List;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.dnn.DnnAcousticModel;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Matrix;
import org.amdistill.ensemble.EnsembleModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A teacher's soft targets for one utterance: the mean over members of softmax(z_m / T) (the paper), optionally
 * cut to the top k classes with the rest of the mass renormalised away or spread evenly over the other classes;
 * or, for logit matching, the members' mean zero-mean logits.
 */
public final class SoftTargets {
    public enum TopKMode {
        RENORMALISE,
        SPREAD
    }

    private SoftTargets() {}

    static List<DnnAcousticModel> members(AcousticModel teacher) {
        if (teacher instanceof EnsembleModel e) {
            return e.members();
        }
        if (teacher instanceof DnnAcousticModel d) {
            return List.of(d);
        }
        throw new AmdException("a teacher must be a DNN or an ensemble of DNNs");
    }

    public static Matrix compute(
            AcousticModel teacher, Matrix feats, double temperature, boolean logits, int topK, TopKMode mode) {
        if (!(temperature > 0)) {
            throw new AmdException("--temperature must be > 0, got " + temperature);
        }
        List<DnnAcousticModel> ms = members(teacher);
        // the normalised, spliced input once per utterance for all members that take the same one
        boolean shared = feats.rows() > 0 && ms.stream().allMatch(m -> m.takesSameInputAs(ms.get(0)));
        INDArray x = shared ? ms.get(0).input(feats) : null;
        Matrix acc = null;
        for (DnnAcousticModel m : ms) {
            Matrix z;
            if (logits) {
                z = shared ? m.logitsOfInput(x) : m.logits(feats);
                centre(z);
            } else if (feats.rows() == 0) {
                z = new Matrix(0, m.numPdfs());
            } else {
                // softmax(z / T) from the native pass's log posteriors (z up to a constant per frame): at T = 1 they
                // are the posteriors; otherwise one exp per value (it had been a log, an exp and an exp)
                INDArray in = shared ? x : m.input(feats);
                z = temperature == 1.0 ? m.posteriorsOfInput(in) : m.logPosteriorsOfInput(in);
                if (temperature != 1.0) {
                    softmaxRows(z, temperature);
                }
            }
            if (acc == null) {
                acc = z;
            } else {
                float[] a = acc.data();
                float[] d = z.data();
                for (int i = 0; i < a.length; i++) {
                    a[i] += d[i];
                }
            }
        }
        float[] a = acc.data();
        for (int i = 0; i < a.length; i++) {
            a[i] /= ms.size();
        }
        if (!logits && topK > 0 && topK < acc.cols()) {
            keepTopK(acc, topK, mode);
        }
        return acc;
    }

    /** Row-wise softmax of {@code lp / temperature}, in place. */
    static void softmaxRows(Matrix lp, double temperature) {
        int n = lp.cols();
        float[] d = lp.data();
        double inv = 1.0 / temperature;
        for (int t = 0; t < lp.rows(); t++) {
            int o = t * n;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, d[o + i] * inv);
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double e = Math.exp(d[o + i] * inv - max);
                d[o + i] = (float) e;
                sum += e;
            }
            float scale = (float) (1.0 / sum);
            for (int i = 0; i < n; i++) {
                d[o + i] *= scale;
            }
        }
    }

    private static void centre(Matrix z) {
        int n = z.cols();
        float[] d = z.data();
        for (int t = 0; t < z.rows(); t++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += d[t * n + i];
            }
            float mean = (float) (s / n);
            for (int i = 0; i < n; i++) {
                d[t * n + i] -= mean;
            }
        }
    }

    public static void keepTopK(Matrix p, int k, TopKMode mode) {
        int n = p.cols();
        float[] d = p.data();
        Integer[] idx = new Integer[n];
        for (int t = 0; t < p.rows(); t++) {
            int o = t * n;
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, (x, y) -> Float.compare(d[o + y], d[o + x]));
            double kept = 0;
            for (int r = 0; r < k; r++) {
                kept += d[o + idx[r]];
            }
            double rest = 1 - kept;
            for (int r = k; r < n; r++) {
                d[o + idx[r]] = mode == TopKMode.SPREAD ? (float) (rest / (n - k)) : 0f;
            }
            if (mode == TopKMode.RENORMALISE) {
                for (int r = 0; r < k; r++) {
                    d[o + idx[r]] /= (float) kept;
                }
            }
        }
    }
}
