package org.amdistill.acoustic.gmm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.amdistill.core.table.Matrix;

/**
 * One diagonal-covariance Gaussian mixture per pdf. Log-likelihoods are computed as
 * gconst + x.(mu/var) - 0.5 x^2.(1/var), with per-component constants cached, then log-sum-exp per pdf.
 */
public final class DiagGmmSet {
    final int dim;
    final List<double[]> weights = new ArrayList<>();
    final List<double[][]> means = new ArrayList<>();
    final List<double[][]> vars = new ArrayList<>();
    // caches: per pdf, per component
    private double[][] gconst;
    private double[][][] meanInvVar;
    private double[][][] halfInvVar;

    public DiagGmmSet(int numPdfs, int dim, double[] mean, double[] var) {
        this.dim = dim;
        for (int p = 0; p < numPdfs; p++) {
            weights.add(new double[] {1.0});
            means.add(new double[][] {mean.clone()});
            vars.add(new double[][] {var.clone()});
        }
        refresh();
    }

    public int numPdfs() {
        return weights.size();
    }

    public int dim() {
        return dim;
    }

    public int numGaussians() {
        int n = 0;
        for (double[] w : weights) {
            n += w.length;
        }
        return n;
    }

    public int numComponents(int pdf) {
        return weights.get(pdf).length;
    }

    /** Recomputes the cached constants after the parameters change. */
    public void refresh() {
        int n = numPdfs();
        gconst = new double[n][];
        meanInvVar = new double[n][][];
        halfInvVar = new double[n][][];
        for (int p = 0; p < n; p++) {
            int m = weights.get(p).length;
            gconst[p] = new double[m];
            meanInvVar[p] = new double[m][dim];
            halfInvVar[p] = new double[m][dim];
            for (int c = 0; c < m; c++) {
                double g = Math.log(weights.get(p)[c]) - 0.5 * dim * Math.log(2 * Math.PI);
                for (int d = 0; d < dim; d++) {
                    double v = vars.get(p)[c][d];
                    double mu = means.get(p)[c][d];
                    g -= 0.5 * (Math.log(v) + mu * mu / v);
                    meanInvVar[p][c][d] = mu / v;
                    halfInvVar[p][c][d] = 0.5 / v;
                }
                gconst[p][c] = g;
            }
        }
    }

    /** Per-component log-likelihoods (weights included) of frame {@code x} under pdf {@code p}, into {@code out}. */
    void componentLogLikes(int p, float[] x, int off, double[] out) {
        double[][] mi = meanInvVar[p];
        double[][] hi = halfInvVar[p];
        for (int c = 0; c < mi.length; c++) {
            double s = gconst[p][c];
            double[] a = mi[c];
            double[] b = hi[c];
            for (int d = 0; d < dim; d++) {
                double v = x[off + d];
                s += v * (a[d] - v * b[d]);
            }
            out[c] = s;
        }
    }

    /** log p(x_t | pdf) for every frame and pdf. */
    public Matrix logLikelihoods(Matrix feats) {
        int n = numPdfs();
        Matrix out = new Matrix(feats.rows(), n);
        double[] buf = new double[64];
        float[] x = feats.data();
        float[] o = out.data();
        for (int t = 0; t < feats.rows(); t++) {
            for (int p = 0; p < n; p++) {
                int m = weights.get(p).length;
                if (buf.length < m) {
                    buf = new double[m];
                }
                componentLogLikes(p, x, t * dim, buf);
                o[t * n + p] = (float) logSumExp(buf, m);
            }
        }
        return out;
    }

    static double logSumExp(double[] v, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, v[i]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.exp(v[i] - max);
        }
        return max + Math.log(s);
    }

    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(numPdfs()).append(' ').append(dim).append('\n');
        for (int p = 0; p < numPdfs(); p++) {
            int m = weights.get(p).length;
            sb.append(m).append('\n');
            for (int c = 0; c < m; c++) {
                sb.append(String.format(Locale.ROOT, "%.8g", weights.get(p)[c]));
                for (double v : means.get(p)[c]) {
                    sb.append(' ').append(String.format(Locale.ROOT, "%.8g", v));
                }
                for (double v : vars.get(p)[c]) {
                    sb.append(' ').append(String.format(Locale.ROOT, "%.8g", v));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    public static DiagGmmSet fromText(String text) {
        String[] lines = text.strip().split("\n");
        String[] h = lines[0].split(" ");
        int n = Integer.parseInt(h[0]);
        int dim = Integer.parseInt(h[1]);
        DiagGmmSet g = new DiagGmmSet(n, dim, new double[dim], ones(dim));
        int li = 1;
        for (int p = 0; p < n; p++) {
            int m = Integer.parseInt(lines[li++].strip());
            double[] w = new double[m];
            double[][] mu = new double[m][dim];
            double[][] va = new double[m][dim];
            for (int c = 0; c < m; c++) {
                String[] f = lines[li++].strip().split(" ");
                w[c] = Double.parseDouble(f[0]);
                for (int d = 0; d < dim; d++) {
                    mu[c][d] = Double.parseDouble(f[1 + d]);
                    va[c][d] = Double.parseDouble(f[1 + dim + d]);
                }
            }
            g.weights.set(p, w);
            g.means.set(p, mu);
            g.vars.set(p, va);
        }
        g.refresh();
        return g;
    }

    static double[] ones(int n) {
        double[] o = new double[n];
        Arrays.fill(o, 1.0);
        return o;
    }
}
