package org.amdistill.recipes.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.stats.KeptGain;

/**
 * Frame accuracy of every trained model of a system (a CSV {@code system,model,frame_acc_dev,frame_acc_test}, one row
 * per seed, and optionally {@code wer_test}, nan for a model not decoded) as mean and standard deviation, and the share of the ensemble's gain that the distilled model keeps when
 * both ends are means over seeds: one seed moves a result more than the gain does on a small test set.
 */
public final class SeedSummary {
    /** Mean, sample standard deviation and count of one system's accuracies. */
    public record Stats(
            int n,
            double devMean,
            double devSd,
            double testMean,
            double testSd,
            int werN,
            double werMean,
            double werSd) {
        /** "mean ± sd % (k models)", or "n/a" when none of the system's models was decoded. */
        public String werCell() {
            return werN == 0
                    ? "n/a"
                    : String.format(
                            Locale.ROOT,
                            "%.2f ± %.2f %% (%d %s)",
                            werMean,
                            werSd,
                            werN,
                            werN == 1 ? "model" : "models");
        }
    }

    private final Map<String, Stats> bySystem;

    private SeedSummary(Map<String, Stats> bySystem) {
        this.bySystem = bySystem;
    }

    public static SeedSummary of(CsvTable t) {
        for (String col : List.of("system", "model", "frame_acc_dev", "frame_acc_test")) {
            if (!t.has(col)) {
                throw new AmdException(t.file() + ": missing column '" + col + "'");
            }
        }
        Map<String, List<double[]>> rows = new LinkedHashMap<>();
        for (int i = 0; i < t.size(); i++) {
            double dev = CsvTable.parse(t.get(i, "frame_acc_dev"));
            double test = CsvTable.parse(t.get(i, "frame_acc_test"));
            if (Double.isNaN(dev) || Double.isNaN(test)) {
                throw new AmdException(
                        t.file() + ": row " + (i + 2) + " (" + t.get(i, "model") + ") has no frame accuracy");
            }
            double wer = t.has("wer_test") ? CsvTable.parse(t.get(i, "wer_test")) : Double.NaN;
            rows.computeIfAbsent(t.get(i, "system"), k -> new ArrayList<>()).add(new double[] {dev, test, wer});
        }
        Map<String, Stats> stats = new LinkedHashMap<>();
        rows.forEach((sys, r) -> {
            List<double[]> decoded = r.stream().filter(x -> !Double.isNaN(x[2])).toList();
            stats.put(
                    sys,
                    new Stats(
                            r.size(),
                            mean(r, 0),
                            sd(r, 0),
                            mean(r, 1),
                            sd(r, 1),
                            decoded.size(),
                            decoded.isEmpty() ? Double.NaN : mean(decoded, 2),
                            decoded.isEmpty() ? Double.NaN : sd(decoded, 2)));
        });
        return new SeedSummary(stats);
    }

    public Stats get(String system) {
        return bySystem.get(system);
    }

    /** Share (0..1) of the ensemble's gain over the mean baseline kept by the mean distilled model; NaN if unknown. */
    public double gainKept(boolean test) {
        Stats b = bySystem.get("baseline");
        Stats e = bySystem.get("ensemble");
        Stats d = bySystem.get("distilled");
        if (b == null || e == null || d == null) {
            return Double.NaN;
        }
        double base = test ? b.testMean : b.devMean;
        double ens = test ? e.testMean : e.devMean;
        double dis = test ? d.testMean : d.devMean;
        return KeptGain.share(base, ens, dis) / 100;
    }

    /** A markdown section: the table of means and the gain kept. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("## Over seeds\n\n");
        sb.append(
                "| System | Models | Dev frame acc (mean ± sd) | Test frame acc (mean ± sd) | Test WER (mean ± sd) |\n|---|---:|---:|---:|---:|\n");
        bySystem.forEach((sys, s) -> sb.append(String.format(
                Locale.ROOT,
                "| %s | %d | %.2f ± %.2f %% | %.2f ± %.2f %% | %s |%n",
                sys,
                s.n,
                s.devMean,
                s.devSd,
                s.testMean,
                s.testSd,
                s.werCell())));
        String kept = keptSentence();
        if (!kept.isEmpty()) {
            sb.append('\n').append(kept).append('\n');
        }
        return sb.toString();
    }

    /** "Averaged over seeds, the distilled model keeps ..." or empty when a system is missing. */
    public String keptSentence() {
        double test = gainKept(true);
        double dev = gainKept(false);
        if (Double.isNaN(test) || Double.isNaN(dev)) {
            return "";
        }
        int students = bySystem.get("distilled").n;
        return String.format(
                Locale.ROOT,
                "Averaged over seeds (baseline: %d models with the same recipe — the separate baseline and the "
                        + "ensemble's members; distilled: %d %s), the distilled model keeps %.0f %% of the ensemble's test "
                        + "frame-accuracy gain over the baseline (dev: %.0f %%; paper: 86 %%).",
                bySystem.get("baseline").n,
                students,
                students == 1 ? "student" : "students",
                100 * test,
                100 * dev);
    }

    private static double mean(List<double[]> r, int col) {
        double s = 0;
        for (double[] x : r) {
            s += x[col];
        }
        return s / r.size();
    }

    private static double sd(List<double[]> r, int col) {
        if (r.size() < 2) {
            return 0;
        }
        double m = mean(r, col);
        double q = 0;
        for (double[] x : r) {
            q += (x[col] - m) * (x[col] - m);
        }
        return Math.sqrt(q / (r.size() - 1));
    }
}
