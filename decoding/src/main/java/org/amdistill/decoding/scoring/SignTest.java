package org.amdistill.decoding.scoring;

import org.amdistill.core.stats.Distributions;

/**
 * sclite's sign test (signtest.c) on blocks (speakers, or utterances): each block's word error rate of the two
 * systems, in percent as sclite computes it, is compared; differences within 0.005 points are ties, which are split
 * between the two sides with the odd one to the minority (sclite's rule, which can only raise the p-value); the
 * p-value is two-sided, 2 P(X &lt;= min) for X binomial with p = 1/2.
 */
public final class SignTest {
    private static final double EQUAL_THRESHOLD = 0.005;

    /** Blocks where A's error rate is higher, where B's is, ties, and the p-value. */
    public record Result(int blocks, int aWorse, int bWorse, int ties, double p) {}

    private SignTest() {}

    /** sclite's pct(): single-precision quotient, then times 100 in double; 0 when there is nothing to divide by. */
    static double sclitePercent(long num, long den) {
        return den == 0 ? 0 : (double) ((float) num / (float) den) * 100.0;
    }

    /** The test over blocks: errors of each system and reference words, block by block. */
    public static Result test(long[] errorsA, long[] errorsB, long[] words) {
        int n = words.length;
        double[] pctA = new double[n];
        double[] pctB = new double[n];
        double sumA = 0;
        double sumB = 0;
        for (int i = 0; i < n; i++) {
            pctA[i] = sclitePercent(errorsA[i], words[i]);
            pctB[i] = sclitePercent(errorsB[i], words[i]);
            sumA += pctA[i];
            sumB += pctB[i];
        }
        int aWorse = 0;
        int bWorse = 0;
        int ties = 0;
        for (int i = 0; i < n; i++) {
            if (Math.abs(pctA[i] - pctB[i]) <= EQUAL_THRESHOLD) {
                ties++;
            } else if (pctA[i] > pctB[i]) {
                aWorse++;
            } else {
                bWorse++;
            }
        }
        // sclite orders the systems by their summed block percentages, the higher first (B on a tie): "+" counts the
        // blocks where that system is worse, "-" the others, and "-" receives the odd tie.
        boolean aFirst = sumA > sumB;
        int plus = (aFirst ? aWorse : bWorse) + ties / 2;
        int minus = (aFirst ? bWorse : aWorse) + ties / 2 + ties % 2;
        double p = plus == minus ? 1.0 : 2.0 * Distributions.binomialHalfCdf(Math.min(plus, minus), plus + minus);
        return new Result(n, aWorse, bWorse, ties, p);
    }
}
