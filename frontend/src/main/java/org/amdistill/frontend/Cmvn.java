package org.amdistill.frontend;

import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.DoubleMatrix;
import org.amdistill.core.table.Matrix;

/**
 * Cepstral mean and variance normalisation with Kaldi's statistics layout: a 2 x (dim + 1) double matrix whose
 * first row holds the sums of each dimension then the frame count, and whose second row holds the sums of squares
 * (then 0).
 */
public final class Cmvn {
    private Cmvn() {}

    public static DoubleMatrix newStats(int dim) {
        return new DoubleMatrix(2, dim + 1);
    }

    /** Adds every frame of {@code feats} to {@code stats} (Kaldi's AccCmvnStats). */
    public static void accumulate(Matrix feats, DoubleMatrix stats) {
        int dim = feats.cols();
        if (stats.cols() != dim + 1) {
            throw new AmdException(
                    "CMVN statistics of dimension " + (stats.cols() - 1) + " for features of dimension " + dim);
        }
        double[] s = stats.data();
        float[] f = feats.data();
        for (int r = 0; r < feats.rows(); r++) {
            int o = r * dim;
            for (int c = 0; c < dim; c++) {
                double v = f[o + c];
                s[c] += v;
                s[dim + 1 + c] += v * v;
            }
            s[dim] += 1.0;
        }
    }

    public static DoubleMatrix stats(Matrix feats) {
        DoubleMatrix s = newStats(feats.cols());
        accumulate(feats, s);
        return s;
    }

    /**
     * Normalises {@code feats} in place with {@code stats} (Kaldi's ApplyCmvn): subtracts the mean, and with
     * {@code normVars} divides by the standard deviation (variance floored at 1e-10).
     */
    public static void apply(DoubleMatrix stats, boolean normMeans, boolean normVars, Matrix feats) {
        int dim = feats.cols();
        if (stats.rows() != 2 || stats.cols() != dim + 1) {
            throw new AmdException(
                    "CMVN statistics are " + stats.rows() + " x " + stats.cols() + ", features have dimension " + dim);
        }
        double count = stats.get(0, dim);
        if (count < 1.0) {
            throw new AmdException("CMVN statistics with a frame count of " + count + " (< 1): cannot normalise");
        }
        float[] offset = new float[dim];
        float[] scale = new float[dim];
        for (int c = 0; c < dim; c++) {
            double mean = stats.get(0, c) / count;
            if (!normVars) {
                offset[c] = normMeans ? (float) -mean : 0f;
                scale[c] = 1f;
            } else {
                double var = stats.get(1, c) / count - mean * mean;
                if (var < 1.0e-10) {
                    var = 1.0e-10;
                }
                double s = 1.0 / Math.sqrt(var);
                scale[c] = (float) s;
                offset[c] = (float) (normMeans ? -mean * s : 0.0);
            }
        }
        float[] f = feats.data();
        for (int r = 0; r < feats.rows(); r++) {
            int o = r * dim;
            for (int c = 0; c < dim; c++) {
                f[o + c] = f[o + c] * scale[c] + offset[c];
            }
        }
    }

    /**
     * How a model normalises an utterance's features by itself (without speaker information); {@link ModelCmvn}
     * carries the sliding window's options.
     */
    public enum Mode {
        NONE,
        MEAN,
        MEAN_VAR,
        SLIDING;

        /** Per-utterance normalisation in place (NONE, MEAN, MEAN_VAR); SLIDING goes through {@link ModelCmvn#apply}. */
        public void applyPerUtterance(Matrix feats) {
            if (this == SLIDING) {
                throw new IllegalStateException("sliding CMN is applied through ModelCmvn");
            }
            if (this == NONE || feats.rows() == 0) {
                return;
            }
            apply(stats(feats), true, this == MEAN_VAR, feats);
        }
    }
}
