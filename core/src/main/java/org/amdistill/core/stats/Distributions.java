package org.amdistill.core.stats;

/** The two distributions the significance tests need: the standard normal's tails and the binomial's CDF. */
public final class Distributions {
    private Distributions() {}

    /** Two-sided p-value of a standard normal statistic: P(|Z| >= |z|). */
    public static double normalTwoSided(double z) {
        return erfc(Math.abs(z) / Math.sqrt(2));
    }

    /**
     * erfc by the continued-fraction-free Chebyshev fit of Numerical Recipes (erfcc): fractional error below
     * 1.2e-7 everywhere, far below the 3 decimals the p-values are printed with.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double ans = t
                * Math.exp(
                        -z * z
                                - 1.26551223
                                + t
                                        * (1.00002368
                                                + t
                                                        * (0.37409196
                                                                + t
                                                                        * (0.09678418
                                                                                + t
                                                                                        * (-0.18628806
                                                                                                + t
                                                                                                        * (0.27886807
                                                                                                                + t
                                                                                                                        * (-1.13520398
                                                                                                                                + t
                                                                                                                                        * (1.48851587
                                                                                                                                                + t
                                                                                                                                                        * (-0.82215223
                                                                                                                                                                + t
                                                                                                                                                                        * 0.17087277)))))))));
        return x >= 0 ? ans : 2 - ans;
    }

    /** P(X <= k) for X ~ Binomial(n, 1/2), summed in log space so that n in the tens of thousands stays exact. */
    public static double binomialHalfCdf(int k, int n) {
        if (k < 0) {
            return 0;
        }
        if (k >= n) {
            return 1;
        }
        double logHalfN = n * Math.log(0.5);
        double logChoose = 0;
        double sum = 0;
        for (int r = 0; r <= k; r++) {
            if (r > 0) {
                logChoose += Math.log(n - r + 1) - Math.log(r);
            }
            sum += Math.exp(logChoose + logHalfN);
        }
        return Math.min(1, sum);
    }
}
