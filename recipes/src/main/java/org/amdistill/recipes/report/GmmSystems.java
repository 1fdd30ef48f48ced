package org.amdistill.recipes.report;

import java.util.Locale;
import java.util.Map;

/**
 * The GMM-HMMs whose states the DNNs predict (the monophone and, with a triphone stage, tri1), decoded as the DNNs
 * are: a row per system of the CSV {@code system,model,pdfs,gaussians,wer_dev,wer_test} (exp/gmm.csv).
 */
record GmmSystems(CsvTable table) {
    private static final String TITLE = "GMM-HMM systems (the DNNs' HMM states)";

    String markdown() {
        StringBuilder md = new StringBuilder("## " + TITLE + "\n\n"
                + "| system | model | pdfs | Gaussians | dev WER (best) | test WER (at dev's weights) |\n"
                + "| --- | --- | ---: | ---: | ---: | ---: |\n");
        for (Map<String, String> r : table.asMaps()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s %% | %s %% |%n",
                    r.get("system"),
                    r.get("model"),
                    r.get("pdfs"),
                    r.get("gaussians"),
                    r.get("wer_dev"),
                    r.get("wer_test")));
        }
        return md.toString();
    }

    String html() {
        StringBuilder h = new StringBuilder("<h2>" + TITLE + "</h2>\n<table>\n<tr><th>system</th><th>model</th>"
                + "<th>pdfs</th><th>Gaussians</th><th>dev WER (best)</th><th>test WER</th></tr>\n");
        for (Map<String, String> r : table.asMaps()) {
            h.append("<tr>");
            for (String c : new String[] {"system", "model", "pdfs", "gaussians", "wer_dev", "wer_test"}) {
                h.append("<td>").append(MakeReport.esc(r.get(c))).append("</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</table>\n").toString();
    }
}
