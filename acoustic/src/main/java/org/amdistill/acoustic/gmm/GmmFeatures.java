package org.amdistill.acoustic.gmm;

import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Matrix;
import org.amdistill.frontend.Cmvn;
import org.amdistill.frontend.Deltas;

/**
 * What the monophone GMM sees: cepstra from the log filterbank (a DCT, keeping {@code numCeps} coefficients,
 * liftered as Kaldi's MFCC), per-utterance mean normalisation, then deltas and accelerations up to
 * {@code deltaOrder} (Kaldi's 2 by default; 0 keeps the static cepstra, which place phone boundaries more sharply:
 * README, Alignment). Diagonal Gaussians model decorrelated cepstra far better than correlated filterbank channels.
 */
public final class GmmFeatures {
    private final int numCeps;
    private final double lifter;
    private final int deltaOrder;
    private final Deltas deltas;
    private double[][] dct;

    public GmmFeatures(int numCeps, double lifter) {
        this(numCeps, lifter, 2);
    }

    public GmmFeatures(int numCeps, double lifter, int deltaOrder) {
        if (deltaOrder < 0 || deltaOrder > 2) {
            throw new AmdException("delta order must be 0, 1 or 2, got " + deltaOrder);
        }
        this.numCeps = numCeps;
        this.lifter = lifter;
        this.deltaOrder = deltaOrder;
        this.deltas = new Deltas(deltaOrder, 2);
    }

    public int dim() {
        return numCeps * (deltaOrder + 1);
    }

    public int deltaOrder() {
        return deltaOrder;
    }

    public int numCeps() {
        return numCeps;
    }

    public double lifter() {
        return lifter;
    }

    private synchronized double[][] dct(int bins) {
        if (dct == null || dct[0].length != bins) {
            double[][] d = new double[numCeps][bins];
            for (int k = 0; k < numCeps; k++) {
                double norm = k == 0 ? Math.sqrt(1.0 / bins) : Math.sqrt(2.0 / bins);
                double lift = lifter > 0 ? 1.0 + 0.5 * lifter * Math.sin(Math.PI * k / lifter) : 1.0;
                for (int n = 0; n < bins; n++) {
                    d[k][n] = norm * Math.cos(Math.PI / bins * (n + 0.5) * k) * lift;
                }
            }
            dct = d;
        }
        return dct;
    }

    public Matrix compute(Matrix fbank) {
        int bins = fbank.cols();
        if (bins < numCeps) {
            throw new IllegalArgumentException(
                    "features have " + bins + " dimensions, fewer than " + numCeps + " cepstra");
        }
        double[][] d = dct(bins);
        Matrix c = new Matrix(fbank.rows(), numCeps);
        float[] in = fbank.data();
        float[] out = c.data();
        for (int t = 0; t < fbank.rows(); t++) {
            for (int k = 0; k < numCeps; k++) {
                double s = 0;
                double[] dk = d[k];
                for (int n = 0; n < bins; n++) {
                    s += dk[n] * in[t * bins + n];
                }
                out[t * numCeps + k] = (float) s;
            }
        }
        Cmvn.Mode.MEAN.applyPerUtterance(c);
        return deltas.apply(c);
    }
}
