package org.amdistill.recipes.report;

import java.util.List;

/** compare-systems's table as RESULTS.md and report.html show it. */
final class SignificanceTable {
    private final CsvTable table;

    SignificanceTable(CsvTable table) {
        for (String col : CompareSystems.COLUMNS) {
            if (!table.has(col)) {
                throw new org.amdistill.core.cli.AmdException(table.file() + ": missing column '" + col + "'");
            }
        }
        this.table = table;
    }

    static final String INTRO =
            "Test WER differences B - A (negative: B makes fewer errors) with the 95 % interval of the "
                    + "paired bootstrap over utterances (Bisani & Ney 2004), the share of bootstrap draws in which B is better, and the "
                    + "p-values of sclite's matched-pair (MAPSSWE) and sign tests (utterances as blocks); `amd compare-wer` on the same "
                    + "hypotheses gives each row.";

    /** Rows of cells: comparison, WER A -> B, difference [interval], P(B better), MAPSSWE p, sign p, words. */
    List<List<String>> cells() {
        List<List<String>> out = new java.util.ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            boolean pair = !table.get(i, "p_mapsswe").isEmpty();
            String value = table.get(i, "value") + (pair ? "" : " %") + " [" + table.get(i, "ci_low") + ", "
                    + table.get(i, "ci_high") + "]";
            out.add(List.of(
                    table.get(i, "comparison"),
                    table.get(i, "wer_a") + " % → " + table.get(i, "wer_b") + " %",
                    value,
                    table.get(i, "p_b_better"),
                    table.get(i, "p_mapsswe"),
                    table.get(i, "p_sign"),
                    table.get(i, "words")));
        }
        return out;
    }

    static final List<String> HEADER = List.of(
            "comparison",
            "WER A → B",
            "difference B − A [95 % interval]",
            "P(B better)",
            "MAPSSWE p",
            "sign p",
            "words");

    String markdown() {
        StringBuilder md = new StringBuilder("## Is the difference real? (test WER)\n\n")
                .append(INTRO)
                .append("\n\n| ")
                .append(String.join(" | ", HEADER))
                .append(" |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (List<String> r : cells()) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return md.toString();
    }

    String html() {
        StringBuilder h = new StringBuilder("<h2>Is the difference real? (test WER)</h2>\n<p>")
                .append(MakeReport.esc(INTRO))
                .append("</p>\n<table>\n<tr>");
        for (String c : HEADER) {
            h.append("<th>").append(MakeReport.esc(c)).append("</th>");
        }
        h.append("</tr>\n");
        for (List<String> r : cells()) {
            h.append("<tr>");
            for (String c : r) {
                h.append("<td>").append(MakeReport.esc(c)).append("</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</table>\n").toString();
    }
}
