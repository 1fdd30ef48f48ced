package org.amdistill.core.stats;

import org.amdistill.core.cli.AmdException;

/**
 * The share of a teacher's gain over a baseline that a student keeps, the paper's measure of distillation ("more than
 * 80 % of the ensemble's gain"): {@code 100 (student - baseline) / (teacher - baseline)}, the same for error rates
 * (gains are falls) and accuracies (gains are rises).
 */
public final class KeptGain {
    private KeptGain() {}

    /** The kept share in percent; NaN where the teacher gains nothing (the share is then undefined). */
    public static double share(double baseline, double teacher, double student) {
        double teacherGain = teacher - baseline;
        return teacherGain == 0 ? Double.NaN : 100 * (student - baseline) / teacherGain;
    }

    /**
     * The kept share of three systems' rates {@code num[i] / den[i]} summed over the same items (errors over words,
     * correct frames over frames), with its interval from the paired bootstrap over the items.
     */
    public static Estimate ofRates(
            long[] numBaseline, long[] numTeacher, long[] numStudent, long[] den, int samples, long seed) {
        if (numBaseline.length != den.length || numTeacher.length != den.length || numStudent.length != den.length) {
            throw new AmdException("the three systems have counts for different numbers of utterances");
        }
        long[][][] counts = {{numBaseline, den}, {numTeacher, den}, {numStudent, den}};
        PairedBootstrap.Statistic kept = s -> share(s[0][0] / s[0][1], s[1][0] / s[1][1], s[2][0] / s[2][1]);
        double[] draws = PairedBootstrap.draws(counts, kept, samples, seed);
        double[] ci = PairedBootstrap.interval(draws, PairedBootstrap.LEVEL);
        double den0 = PairedBootstrap.sum(den);
        double point = share(
                PairedBootstrap.sum(numBaseline) / den0,
                PairedBootstrap.sum(numTeacher) / den0,
                PairedBootstrap.sum(numStudent) / den0);
        return new Estimate(point, ci[0], ci[1]);
    }

    /** The kept share (percent) and its 95 % interval. */
    public record Estimate(double value, double lower, double upper) {}
}
