package org.amdistill.recipes.report;

import java.util.Locale;
import java.util.Map;

/**
 * The paper's Table 1 (Hinton, Vinyals and Dean 2015, speech results) beside ours, laid out as a RESULTS file:
 * frame accuracy and WER for the baseline, the 10x ensemble and the distilled single model; with our inference
 * cost beside them (decoding RTF, and forward-pass seconds against the ensemble's where the recipe measured them).
 */
public final class PaperTable1 {
    /** system -> {test frame accuracy %, WER %} as published. */
    public static final Map<String, double[]> PAPER = Map.of(
            "baseline", new double[] {58.9, 10.9},
            "ensemble", new double[] {61.1, 10.7},
            "distilled", new double[] {60.8, 10.7});

    private PaperTable1() {}

    public static String render(CsvTable results) {
        StringBuilder sb = new StringBuilder();
        boolean forward = results.has("forward_s");
        sb.append("| System | Params | Dev frame acc | Test frame acc | Test WER | RTF |")
                .append(forward ? " Forward time (vs ensemble) |" : "")
                .append(" Paper: test frame acc | Paper: WER |\n");
        sb.append("|---|---:|---:|---:|---:|---:|")
                .append(forward ? "---:|" : "")
                .append("---:|---:|\n");
        for (int i = 0; i < results.size(); i++) {
            String sys = results.get(i, "system");
            double[] paper = PAPER.get(sys);
            sb.append("| ")
                    .append(sys)
                    .append(" | ")
                    .append(params(results.get(i, "params")))
                    .append(" | ")
                    .append(pct(results.get(i, "frame_acc_dev")))
                    .append(" | ")
                    .append(pct(results.get(i, "frame_acc_test")))
                    .append(" | ")
                    .append(pct(results.get(i, "wer_test")))
                    .append(" | ")
                    .append(num(results.get(i, "rtf"), "%.4f"));
            if (forward) {
                double ratio = CsvTable.parse(results.get(i, "forward_vs_ensemble"));
                sb.append(" | ")
                        .append(num(results.get(i, "forward_s"), "%.3f s"))
                        .append(Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, " (%.1f %%)", 100 * ratio));
            }
            sb.append(" | ")
                    .append(paper == null ? "" : String.format(Locale.ROOT, "%.1f %%", paper[0]))
                    .append(" | ")
                    .append(paper == null ? "" : String.format(Locale.ROOT, "%.1f %%", paper[1]))
                    .append(" |\n");
        }
        double base = find(results, "baseline", "frame_acc_test");
        double ens = find(results, "ensemble", "frame_acc_test");
        double dis = find(results, "distilled", "frame_acc_test");
        if (!Double.isNaN(base) && !Double.isNaN(ens) && !Double.isNaN(dis) && ens != base) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%nThe distilled model keeps %.0f %% of the ensemble's test frame-accuracy gain over the baseline "
                            + "(paper: %.0f %%).%n",
                    100 * (dis - base) / (ens - base),
                    100 * (60.8 - 58.9) / (61.1 - 58.9)));
        }
        return sb.toString();
    }

    static double find(CsvTable t, String system, String column) {
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i, "system").equals(system)) {
                return CsvTable.parse(t.get(i, column));
            }
        }
        return Double.NaN;
    }

    private static String pct(String s) {
        return num(s, "%.2f %%");
    }

    private static String num(String s, String fmt) {
        double v = CsvTable.parse(s);
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, fmt, v);
    }

    private static String params(String s) {
        double v = CsvTable.parse(s);
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v >= 1e6 ? String.format(Locale.ROOT, "%.2fM", v / 1e6) : String.format(Locale.ROOT, "%.0fk", v / 1e3);
    }
}
