package org.amdistill.core.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.amdistill.core.cli.AmdException;

/**
 * The paired bootstrap of Bisani &amp; Ney (2004), "Bootstrap estimates for confidence intervals in ASR performance
 * evaluation": the test set's items (utterances) are drawn with replacement, the same draw for every system, and a
 * statistic of the systems' per-item counts is computed on each draw; the spread of the statistic over the draws
 * gives its confidence interval. Rates are ratios of sums (errors over words, correct frames over frames), so each
 * draw sums the counts of the items drawn, as the WER of a test set sums over its utterances.
 */
public final class PairedBootstrap {
    /** 95 %: the interval the project reports. */
    public static final double LEVEL = 0.95;

    private PairedBootstrap() {}

    /** A statistic of one draw: {@code sums[s][c]} is the sum over the drawn items of count {@code c} of system {@code s}. */
    @FunctionalInterface
    public interface Statistic {
        double of(double[][] sums);
    }

    /** What is done with one draw: {@code times[i]} is how often item {@code i} was drawn in draw {@code b}. */
    @FunctionalInterface
    public interface DrawVisitor {
        void visit(int b, int[] times);
    }

    /**
     * Draws {@code items} items with replacement {@code samples} times and shows each draw to {@code visitor}: the one
     * resampling every bootstrap of the project goes through. Deterministic for a seed.
     */
    public static void resample(int items, int samples, long seed, DrawVisitor visitor) {
        if (samples <= 0) {
            throw new AmdException("the number of bootstrap samples must be positive, got " + samples);
        }
        if (items == 0) {
            throw new AmdException("nothing to resample: the test set has no utterances");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] times = new int[items];
        for (int b = 0; b < samples; b++) {
            Arrays.fill(times, 0);
            for (int k = 0; k < items; k++) {
                times[random.nextInt(items)]++;
            }
            visitor.visit(b, times);
        }
    }

    /**
     * The statistic on each of {@code samples} draws. {@code counts[s][c][i]} is count {@code c} (e.g. errors, words)
     * of system {@code s} on item {@code i}; every system has the same items. Deterministic for a seed.
     */
    public static double[] draws(long[][][] counts, Statistic statistic, int samples, long seed) {
        double[] out = new double[Math.max(0, samples)];
        resample(counts[0][0].length, samples, seed, (b, times) -> out[b] = statistic.of(sums(counts, times)));
        return out;
    }

    /** {@code sums[s][c]}: count {@code c} of system {@code s} summed over the items, each {@code times[i]} times. */
    static double[][] sums(long[][][] counts, int[] times) {
        double[][] sums = new double[counts.length][];
        for (int s = 0; s < counts.length; s++) {
            sums[s] = new double[counts[s].length];
            for (int c = 0; c < counts[s].length; c++) {
                double sum = 0;
                long[] v = counts[s][c];
                for (int i = 0; i < v.length; i++) {
                    sum += times[i] * (double) v[i];
                }
                sums[s][c] = sum;
            }
        }
        return sums;
    }

    /**
     * The percentile interval at {@code level} (e.g. 0.95) of the draws: the 2.5 % and 97.5 % quantiles. Draws where
     * the statistic is undefined (NaN: a kept share on a draw where the teacher gains nothing) are left out; NaN
     * bounds where every draw is.
     */
    public static double[] interval(double[] draws, double level) {
        double[] sorted =
                Arrays.stream(draws).filter(d -> !Double.isNaN(d)).sorted().toArray();
        int n = sorted.length;
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double tail = (1 - level) / 2;
        int lo = (int) Math.floor(tail * n);
        int hi = (int) Math.ceil((1 - tail) * n) - 1;
        return new double[] {sorted[Math.max(0, Math.min(n - 1, lo))], sorted[Math.max(0, Math.min(n - 1, hi))]};
    }

    /** The share of draws below zero. */
    public static double shareBelowZero(double[] draws) {
        long k = Arrays.stream(draws).filter(d -> d < 0).count();
        return k / (double) draws.length;
    }

    /** The share of draws above zero. */
    public static double shareAboveZero(double[] draws) {
        long k = Arrays.stream(draws).filter(d -> d > 0).count();
        return k / (double) draws.length;
    }

    /** Standard deviation of the draws: the bootstrap's standard error of the statistic. */
    public static double standardError(double[] draws) {
        double mean = Arrays.stream(draws).average().orElse(0);
        double ss = 0;
        for (double d : draws) {
            ss += (d - mean) * (d - mean);
        }
        return draws.length < 2 ? 0 : Math.sqrt(ss / (draws.length - 1));
    }

    /**
     * The difference of two systems' rates, B minus A, in percent, with its interval: {@code numA[i]}, {@code numB[i]}
     * are the systems' counts on item i (errors, correct frames) and {@code den[i]} the shared denominator (words,
     * frames).
     */
    public static Difference rateDifference(long[] numA, long[] numB, long[] den, int samples, long seed) {
        if (numA.length != numB.length || numA.length != den.length) {
            throw new AmdException("the two systems have counts for different numbers of utterances (" + numA.length
                    + ", " + numB.length + ")");
        }
        long[][][] counts = {{numA, den}, {numB, den}};
        Statistic diff = s -> 100 * (s[1][0] - s[0][0]) / s[0][1];
        double[] d = draws(counts, diff, samples, seed);
        double point = 100 * (sum(numB) - sum(numA)) / (double) sum(den);
        double[] ci = interval(d, LEVEL);
        return new Difference(
                point, ci[0], ci[1], standardError(d), shareBelowZero(d), shareAboveZero(d), samples, seed);
    }

    /** B - A in percent points, its 95 % interval, the bootstrap's standard error and the shares of draws below/above 0. */
    public record Difference(
            double value,
            double lower,
            double upper,
            double standardError,
            double shareBelow,
            double shareAbove,
            int samples,
            long seed) {}

    static long sum(long[] v) {
        long s = 0;
        for (long x : v) {
            s += x;
        }
        return s;
    }
}
