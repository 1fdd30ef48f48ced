package org.amdistill.recipes.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.stats.KeptGain;

/** wer-by-condition's table as RESULTS.md shows it, and its WER-against-SNR chart's data. */
final class ConditionTable {
    /** condition -> value -> system -> {utterances, wer} in file order. */
    private final Map<String, Map<String, Map<String, double[]>>> cells = new LinkedHashMap<>();

    private final List<String> systems = new ArrayList<>();

    ConditionTable(CsvTable t) {
        for (String col : WerByCondition.COLUMNS) {
            if (!t.has(col)) {
                throw new AmdException(t.file() + ": missing column '" + col + "'");
            }
        }
        for (int i = 0; i < t.size(); i++) {
            String sys = t.get(i, "system");
            if (!systems.contains(sys)) {
                systems.add(sys);
            }
            cells.computeIfAbsent(t.get(i, "condition"), k -> new LinkedHashMap<>())
                    .computeIfAbsent(t.get(i, "value"), k -> new LinkedHashMap<>())
                    .put(sys, new double[] {CsvTable.parse(t.get(i, "utterances")), CsvTable.parse(t.get(i, "wer"))});
        }
    }

    /** WER of each system by SNR band, bands in the table's order (clean first). */
    Map<String, List<Double>> werBySnr(List<String> bands) {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> snr = cells.getOrDefault("snr", Map.of());
        bands.addAll(snr.keySet());
        for (String s : systems) {
            List<Double> v = new ArrayList<>();
            for (String band : bands) {
                double[] c = snr.get(band).get(s);
                v.add(c == null ? 0 : c[1]);
            }
            series.put(s, v);
        }
        return series;
    }

    String markdown() {
        StringBuilder md = new StringBuilder("## WER by condition (test set)\n\n");
        boolean kept = systems.containsAll(List.of("baseline", "ensemble", "distilled"));
        for (Map.Entry<String, Map<String, Map<String, double[]>>> c : cells.entrySet()) {
            md.append("| ").append(c.getKey()).append(" | utterances | ");
            systems.forEach(s -> md.append(s).append(" WER | "));
            md.append(kept ? "gain kept |\n|---|---:|" : "\n|---|---:|");
            md.append("---:|".repeat(systems.size() + (kept ? 1 : 0))).append('\n');
            for (Map.Entry<String, Map<String, double[]>> v : c.getValue().entrySet()) {
                md.append("| ")
                        .append(v.getKey())
                        .append(" | ")
                        .append((long) v.getValue().values().iterator().next()[0])
                        .append(" | ");
                for (String s : systems) {
                    double[] x = v.getValue().get(s);
                    md.append(x == null ? "" : String.format(Locale.ROOT, "%.2f %%", x[1]))
                            .append(" | ");
                }
                if (kept) {
                    md.append(gainKept(v.getValue())).append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** (baseline - distilled) / (baseline - ensemble) WER in percent, "n/a" where the ensemble does not gain. */
    private static String gainKept(Map<String, double[]> bySystem) {
        double b = bySystem.get("baseline")[1];
        double e = bySystem.get("ensemble")[1];
        double d = bySystem.get("distilled")[1];
        return b > e ? String.format(Locale.ROOT, "%.0f %%", KeptGain.share(b, e, d)) : "n/a";
    }
}
