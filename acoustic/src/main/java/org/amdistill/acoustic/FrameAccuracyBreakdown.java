package org.amdistill.acoustic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.core.stats.KeptGain;
import org.amdistill.core.stats.PairedBootstrap;
import org.amdistill.core.table.Matrix;

/**
 * Frame accuracy of several models on the same aligned frames, broken down by frame class (silence or speech, phone,
 * HMM state, distance to the nearest phone boundary), kept per utterance so that differences between the models get
 * paired bootstrap intervals over utterances; with it, each model's calibration (the mean log posterior of the
 * aligned state, and the expected calibration error of its most probable state).
 */
public final class FrameAccuracyBreakdown {
    /** Frames this close to a phone boundary (0: the first or last frame of the phone) are counted by distance. */
    static final int MAX_DISTANCE = 3;

    private final HmmStateInventory inventory;
    private final Set<String> silencePhones;
    private final int numModels;
    private final int eceBins;
    private final Map<String, Integer> categories = new LinkedHashMap<>();
    /** Per utterance: frames per category, correct frames per model and category, sum of aligned log posteriors per model. */
    private final List<long[]> uttFrames = new ArrayList<>();

    private final List<long[][]> uttCorrect = new ArrayList<>();
    private final List<double[]> uttLogPost = new ArrayList<>();
    /** Per model and confidence bin: frames, summed confidence, correct frames. */
    private final double[][][] ece;

    public FrameAccuracyBreakdown(HmmStateInventory inventory, Set<String> silencePhones, int numModels, int eceBins) {
        this.inventory = inventory;
        this.silencePhones = silencePhones;
        this.numModels = numModels;
        this.eceBins = eceBins;
        this.ece = new double[numModels][eceBins][3];
        for (String c : List.of("all", "silence", "speech")) {
            category(c);
        }
        for (int d = 0; d <= MAX_DISTANCE; d++) {
            category("speech-boundary-distance-" + (d == MAX_DISTANCE ? d + "+" : "" + d));
        }
        int states = 0;
        for (String phone : inventory.phones()) {
            category("phone-" + phone);
            states = Math.max(states, inventory.phone(phone).numStates());
        }
        for (int s = 0; s < states; s++) {
            category("state-" + s);
        }
    }

    private int category(String name) {
        return categories.computeIfAbsent(name, k -> categories.size());
    }

    public List<String> categories() {
        return new ArrayList<>(categories.keySet());
    }

    public int utterances() {
        return uttFrames.size();
    }

    /** One utterance: its pdf alignment and each model's log posteriors (rows: frames, at least {@code labels.length}). */
    public void add(int[] labels, List<Matrix> logPosts) {
        int frames = labels.length;
        int[] distance = boundaryDistances(labels);
        int k = categories.size();
        long[] n = new long[k];
        long[][] correct = new long[numModels][k];
        double[] logPost = new double[numModels];
        for (int t = 0; t < frames; t++) {
            String phone = inventory.phoneOfPdf(labels[t]);
            boolean silence = silencePhones.contains(phone);
            int state = stateOf(labels[t]);
            int[] cats = {
                0,
                silence ? 1 : 2,
                silence ? -1 : 3 + Math.min(distance[t], MAX_DISTANCE),
                categories.get("phone-" + phone),
                categories.get("state-" + state)
            };
            for (int c : cats) {
                if (c >= 0) {
                    n[c]++;
                }
            }
            for (int m = 0; m < numModels; m++) {
                Matrix lp = logPosts.get(m);
                float[] d = lp.data();
                int off = t * lp.cols();
                int best = argmax(d, off, lp.cols());
                logPost[m] += d[off + labels[t]];
                double conf = Math.exp(d[off + best]);
                double[] bin = ece[m][Math.min(eceBins - 1, (int) (conf * eceBins))];
                bin[0]++;
                bin[1] += conf;
                if (best == labels[t]) {
                    bin[2]++;
                    for (int c : cats) {
                        if (c >= 0) {
                            correct[m][c]++;
                        }
                    }
                }
            }
        }
        uttFrames.add(n);
        uttCorrect.add(correct);
        uttLogPost.add(logPost);
    }

    /** The HMM state (pdf class) of a pdf; a tied-state pdf that a tree shares between states gives its first. */
    private int stateOf(int pdf) {
        return inventory.pdfClassOfPdf(pdf);
    }

    static int argmax(float[] d, int off, int n) {
        int best = 0;
        for (int p = 1; p < n; p++) {
            if (d[off + p] > d[off + best]) {
                best = p;
            }
        }
        return best;
    }

    /**
     * Frames from the nearest phone boundary (0 for a phone's first and last frame): a phone ends where the phone
     * changes or its HMM state goes back (the same phone again).
     */
    int[] boundaryDistances(int[] labels) {
        int n = labels.length;
        int[] d = new int[n];
        int start = 0;
        for (int t = 1; t <= n; t++) {
            boolean ends = t == n
                    || !inventory.phoneOfPdf(labels[t]).equals(inventory.phoneOfPdf(labels[t - 1]))
                    || stateOf(labels[t]) < stateOf(labels[t - 1]);
            if (ends) {
                for (int u = start; u < t; u++) {
                    d[u] = Math.min(u - start, t - 1 - u);
                }
                start = t;
            }
        }
        return d;
    }

    /**
     * Totals over the utterances, utterance {@code u} counted {@code times[u]} times (a bootstrap draw; all ones: the
     * data): frames, then correct per model, per category.
     */
    long[][] totals(int[] times) {
        int k = categories.size();
        long[][] s = new long[numModels + 1][k];
        for (int u = 0; u < times.length; u++) {
            long[] n = uttFrames.get(u);
            long[][] c = uttCorrect.get(u);
            for (int j = 0; j < k; j++) {
                s[0][j] += times[u] * n[j];
                for (int m = 0; m < numModels; m++) {
                    s[m + 1][j] += times[u] * c[m][j];
                }
            }
        }
        return s;
    }

    /** Mean log posterior of the aligned state per model, utterance {@code u} counted {@code times[u]} times. */
    double[] meanLogPosterior(int[] times) {
        double[] s = new double[numModels];
        long frames = 0;
        for (int u = 0; u < times.length; u++) {
            frames += times[u] * uttFrames.get(u)[0];
            for (int m = 0; m < numModels; m++) {
                s[m] += times[u] * uttLogPost.get(u)[m];
            }
        }
        for (int m = 0; m < numModels; m++) {
            s[m] /= Math.max(1, frames);
        }
        return s;
    }

    /** Expected calibration error of model {@code m}'s most probable state: sum over bins of |accuracy - confidence| x share. */
    public double expectedCalibrationError(int m) {
        double total = 0;
        double err = 0;
        for (double[] b : ece[m]) {
            total += b[0];
        }
        for (double[] b : ece[m]) {
            if (b[0] > 0) {
                err += Math.abs(b[2] - b[1]) / total;
            }
        }
        return err;
    }

    /** Mean confidence (probability of the most probable state) of model {@code m}. */
    public double meanConfidence(int m) {
        double total = 0;
        double conf = 0;
        for (double[] b : ece[m]) {
            total += b[0];
            conf += b[1];
        }
        return total == 0 ? 0 : conf / total;
    }

    /**
     * The report, one line per category: frames, each model's accuracy, each later model's difference from the first
     * with its 95 % paired bootstrap interval over utterances, and, for three models (baseline, teacher, student), the
     * share of the teacher's gain the student keeps (interval where the teacher's gain stays clear of zero); then each
     * model's calibration. Accuracies and differences in percent.
     */
    public List<String> report(List<String> names, int numSamples, long seed) {
        int[] once = new int[utterances()];
        Arrays.fill(once, 1);
        long[][] point = totals(once);
        Draws draws = bootstrap(numSamples, seed);
        List<String> lines = new ArrayList<>();
        lines.add(header(names));
        List<String> cats = categories();
        for (int c = 0; c < cats.size(); c++) {
            if (point[0][c] > 0) {
                lines.add(categoryLine(cats.get(c), point, c, draws.statistics()[c]));
            }
        }
        double[] pointLogPost = meanLogPosterior(once);
        for (int m = 0; m < numModels; m++) {
            double[] ci = PairedBootstrap.interval(draws.logPosterior()[m], PairedBootstrap.LEVEL);
            lines.add(String.format(
                    Locale.ROOT,
                    "calibration %-12s mean log posterior of the aligned state %.4f [%.4f, %.4f]; "
                            + "mean confidence %.4f; accuracy %.4f; ECE %.4f",
                    names.get(m),
                    pointLogPost[m],
                    ci[0],
                    ci[1],
                    meanConfidence(m),
                    (double) point[m + 1][0] / point[0][0],
                    expectedCalibrationError(m)));
        }
        return lines;
    }

    /** Per bootstrap draw: {@code statistics[category][statistic][draw]}, {@code logPosterior[model][draw]}. */
    @SuppressWarnings("ArrayRecordComponent") // arrays for speed: equals and hashCode see them by identity
    private record Draws(double[][][] statistics, double[][] logPosterior) {}

    /** The statistics of every category and each model's mean log posterior on the same draws of the utterances. */
    private Draws bootstrap(int numSamples, long seed) {
        int k = categories.size();
        double[][][] samples = new double[k][numStatistics()][numSamples];
        double[][] logPostSamples = new double[numModels][numSamples];
        PairedBootstrap.resample(utterances(), numSamples, seed, (b, times) -> {
            long[][] s = totals(times);
            for (int c = 0; c < k; c++) {
                double[] st = statistics(s, c);
                for (int j = 0; j < st.length; j++) {
                    samples[c][j][b] = st[j];
                }
            }
            double[] lp = meanLogPosterior(times);
            for (int m = 0; m < numModels; m++) {
                logPostSamples[m][b] = lp[m];
            }
        });
        return new Draws(samples, logPostSamples);
    }

    /** One category's line: frames, each model's accuracy, then each statistic with its interval. */
    private String categoryLine(String category, long[][] point, int c, double[][] samples) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-32s %9d", category, point[0][c]));
        for (int m = 0; m < numModels; m++) {
            sb.append(String.format(Locale.ROOT, " %7.2f", 100.0 * point[m + 1][c] / point[0][c]));
        }
        double[] st = statistics(point, c);
        for (int j = 0; j < st.length; j++) {
            double[] ci = PairedBootstrap.interval(samples[j], PairedBootstrap.LEVEL);
            sb.append(String.format(Locale.ROOT, " | %+7.2f [%+.2f, %+.2f]", st[j], ci[0], ci[1]));
        }
        return sb.toString();
    }

    /** Each later model's difference from the first, and with three models the kept share. */
    private int numStatistics() {
        return numModels - 1 + (numModels == 3 ? 1 : 0);
    }

    private String header(List<String> names) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-32s %9s", "category", "frames"));
        for (String n : names) {
            sb.append(' ').append(n);
        }
        for (int m = 1; m < numModels; m++) {
            sb.append(" | ")
                    .append(names.get(m))
                    .append('-')
                    .append(names.get(0))
                    .append(" [95 %]");
        }
        if (numModels == 3) {
            sb.append(" | kept % (")
                    .append(names.get(2))
                    .append('-')
                    .append(names.get(0))
                    .append(")/(")
                    .append(names.get(1))
                    .append('-')
                    .append(names.get(0))
                    .append(") [95 %]");
        }
        return sb.toString();
    }

    /** For category {@code c} of totals {@code s}: each later model's accuracy minus the first's, then the kept share (percent). */
    private double[] statistics(long[][] s, int c) {
        double[] out = new double[numStatistics()];
        if (s[0][c] == 0) {
            return out;
        }
        double base = (double) s[1][c] / s[0][c];
        for (int m = 1; m < numModels; m++) {
            out[m - 1] = 100 * ((double) s[m + 1][c] / s[0][c] - base);
        }
        if (numModels == 3) {
            out[2] = KeptGain.share(0, out[0], out[1]);
        }
        return out;
    }
}
