package org.amdistill.acoustic.tree;

/**
 * Count, sum and sum of squares of feature vectors: the statistics of one diagonal Gaussian, as Kaldi's
 * GaussClusterable keeps them to cluster tree leaves by likelihood.
 */
public final class GaussStats {
    /** Kaldi's variance floor for tree building (GaussClusterable's var_floor). */
    public static final double VAR_FLOOR = 0.01;

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    double count;
    final double[] sum;
    final double[] sumSq;

    public GaussStats(int dim) {
        sum = new double[dim];
        sumSq = new double[dim];
    }

    public GaussStats(double count, double[] sum, double[] sumSq) {
        this.count = count;
        this.sum = sum;
        this.sumSq = sumSq;
    }

    public int dim() {
        return sum.length;
    }

    public double count() {
        return count;
    }

    public double[] sum() {
        return sum;
    }

    public double[] sumSq() {
        return sumSq;
    }

    public void addFrame(float[] x, int offset) {
        count++;
        for (int d = 0; d < sum.length; d++) {
            double v = x[offset + d];
            sum[d] += v;
            sumSq[d] += v * v;
        }
    }

    public void add(GaussStats o) {
        count += o.count;
        for (int d = 0; d < sum.length; d++) {
            sum[d] += o.sum[d];
            sumSq[d] += o.sumSq[d];
        }
    }

    public GaussStats copy() {
        return new GaussStats(count, sum.clone(), sumSq.clone());
    }

    /** Mean of dimension d. */
    public double mean(int d) {
        return sum[d] / count;
    }

    /** Variance of dimension d, floored at {@code floor}. */
    public double variance(int d, double floor) {
        double m = sum[d] / count;
        return Math.max(floor, sumSq[d] / count - m * m);
    }

    /** Log-likelihood of the data under its own maximum-likelihood Gaussian (Kaldi's GaussClusterable::Objf). */
    public double objf() {
        if (count <= 0) {
            return 0;
        }
        double logDet = 0;
        for (int d = 0; d < sum.length; d++) {
            logDet += Math.log(variance(d, VAR_FLOOR));
        }
        return -0.5 * count * (sum.length * (LOG_2PI + 1) + logDet);
    }

    /** Objective of this and {@code o} pooled, without building the pooled stats. */
    public double objfPooled(GaussStats o) {
        double n = count + o.count;
        if (n <= 0) {
            return 0;
        }
        double logDet = 0;
        for (int d = 0; d < sum.length; d++) {
            double m = (sum[d] + o.sum[d]) / n;
            logDet += Math.log(Math.max(VAR_FLOOR, (sumSq[d] + o.sumSq[d]) / n - m * m));
        }
        return -0.5 * n * (sum.length * (LOG_2PI + 1) + logDet);
    }
}
