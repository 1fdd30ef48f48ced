package org.amdistill.recipes.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Turns a recipe's results into what a person reads: {@code RESULTS.md} (the paper's Table 1 beside ours, and the
 * commands that produced it) and {@code report.html} with PNG charts drawn by XChart.
 */
@Command(
        name = "make-report",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Write RESULTS.md and report.html (with PNG charts) from a recipe's results: make-report [options] <out-dir>")
public final class MakeReport implements AmdCommand {
    @Option(
            names = "--results",
            required = true,
            description = "results.csv (system,params,frame_acc_dev,frame_acc_test,wer_test,rtf)")
    Path results;

    @Option(
            names = "--curves",
            split = ",",
            description = "Per-epoch metrics CSVs (epoch, train_frame_acc, dev_frame_acc), one per model")
    List<Path> curves = new ArrayList<>();

    @Option(
            names = "--members-curve",
            description = "CSV of ensemble frame accuracy against the number of members averaged")
    Path membersCurve;

    @Option(
            names = "--temperature-sweep",
            description = "CSV of the distillation temperature / hard-label weight sweep")
    Path temperatureSweep;

    @Option(
            names = "--regulariser",
            description = "CSV of the 3%%-data experiment (system, train_frame_acc, test_frame_acc)")
    Path regulariser;

    @Option(
            names = "--seeds",
            description = "CSV of every trained model's frame accuracy (system,model,frame_acc_dev,frame_acc_test), "
                    + "for means over seeds")
    Path seeds;

    @Option(
            names = "--boundary-accuracy",
            description = "score-alignment lines of the recipe's alignments, each followed by the utterances "
                    + "scored and the alignment's CTM (exp/mono/boundary_accuracy.txt)")
    Path boundaryAccuracy;

    @Option(
            names = "--gmm-systems",
            description = "CSV of the GMM-HMMs decoded beside the DNNs (system,model,pdfs,gaussians,wer_dev,wer_test)")
    Path gmmSystems;

    @Option(
            names = "--significance",
            description = "compare-systems's table: pairwise WER differences with intervals and p-values")
    Path significance;

    @Option(
            names = "--wer-by-condition",
            description = "wer-by-condition's table: each system's WER by SNR, reverberation, speed, engine, voice")
    Path werByCondition;

    @Option(
            names = "--commands",
            description = "File listing the exact commands that produced the results (copied into RESULTS.md)")
    Path commands;

    @Option(
            names = "--voices",
            description =
                    "voices.csv of the synthetic corpus (voice,engine,...,split): the report says which voices and "
                            + "TTS engines made the data, and when it was FreeTTS alone (the pure-Java path)")
    Path voices;

    @Option(names = "--title", description = "Title of the report")
    String title = "amdistill results";

    @Parameters(index = "0", paramLabel = "<out-dir>")
    Path outDir;

    @Override
    public Integer call() throws IOException {
        System.setProperty("java.awt.headless", "true");
        CsvTable res = CsvTable.read(results);
        for (String col : List.of("system", "params", "frame_acc_dev", "frame_acc_test", "wer_test", "rtf")) {
            if (!res.has(col)) {
                throw new AmdException(results + ": missing column '" + col + "'");
            }
        }
        ConditionTable conditions = werByCondition == null ? null : new ConditionTable(CsvTable.read(werByCondition));
        List<String[]> figures = figures(res, conditions, outDir.resolve("report_files"));
        String table = PaperTable1.render(res);
        SeedSummary overSeeds = seeds == null ? null : SeedSummary.of(CsvTable.read(seeds));
        if (overSeeds != null) {
            table += "\n" + overSeeds.markdown();
        }
        CorpusVoices corpus = voices == null ? null : CorpusVoices.read(voices);
        SignificanceTable sig = significance == null ? null : new SignificanceTable(CsvTable.read(significance));
        GmmSystems gmms = gmmSystems == null ? null : new GmmSystems(CsvTable.read(gmmSystems));
        BoundaryAccuracy boundaries = boundaryAccuracy == null ? null : BoundaryAccuracy.read(boundaryAccuracy);
        AtomicFiles.writeString(
                outDir.resolve("RESULTS.md"), markdown(table, corpus, sig, conditions, gmms, boundaries));
        AtomicFiles.writeString(
                outDir.resolve("report.html"), html(title, res, overSeeds, sig, gmms, boundaries, corpus, figures));
        System.out.println(table);
        return 0;
    }

    /** Draws the report's figures into {@code img}; returns each one's {file, caption}. */
    private List<String[]> figures(CsvTable res, ConditionTable conditions, Path img) throws IOException {
        List<String[]> figures = new ArrayList<>(); // {file, caption}
        if (!curves.isEmpty()) {
            Map<String, CsvTable> byModel = new LinkedHashMap<>();
            for (Path p : curves) {
                Path parent = p.toAbsolutePath().getParent();
                byModel.put(parent.getParent().getFileName() + "/" + parent.getFileName(), CsvTable.read(p));
            }
            Charts.savePng(Charts.learningCurves(byModel), img.resolve("learning_curves.png"));
            figures.add(new String[] {
                "learning_curves.png",
                "Learning curves of every trained model: dev frame accuracy per epoch (train dashed where few models are shown)."
            });
        }
        if (membersCurve != null) {
            Charts.savePng(Charts.membersCurve(CsvTable.read(membersCurve)), img.resolve("ensemble_members.png"));
            figures.add(
                    new String[] {"ensemble_members.png", "Ensemble frame accuracy as members are added to the average."
                    });
        }
        if (temperatureSweep != null) {
            Charts.savePng(
                    Charts.temperatureSweep(CsvTable.read(temperatureSweep)), img.resolve("temperature_sweep.png"));
            figures.add(new String[] {
                "temperature_sweep.png",
                "Distilled student's frame accuracy against the temperature T of the soft targets."
            });
        }
        figures.addAll(systemBars(res, img));
        if (conditions != null) {
            List<String> bands = new ArrayList<>();
            Map<String, List<Double>> bySnr = conditions.werBySnr(bands);
            Charts.savePng(
                    Charts.groupedBars("Test WER against SNR", "WER (%)", bands, bySnr), img.resolve("wer_by_snr.png"));
            figures.add(new String[] {
                "wer_by_snr.png", "Test WER of each system by the SNR of the added noise (clean: none)."
            });
        }
        if (regulariser != null) {
            figures.add(regulariserFigure(img));
        }
        return figures;
    }

    /** Test WER and test frame accuracy of each system, as bars. */
    private static List<String[]> systemBars(CsvTable res, Path img) throws IOException {
        List<String[]> figures = new ArrayList<>();
        List<String> systems = new ArrayList<>();
        List<Double> wer = new ArrayList<>();
        List<Double> acc = new ArrayList<>();
        for (int i = 0; i < res.size(); i++) {
            systems.add(res.get(i, "system"));
            wer.add(nanToZero(CsvTable.parse(res.get(i, "wer_test"))));
            acc.add(nanToZero(CsvTable.parse(res.get(i, "frame_acc_test"))));
        }
        Charts.savePng(Charts.bars("Test word error rate", "WER (%)", systems, wer), img.resolve("wer.png"));
        figures.add(new String[] {"wer.png", "Test WER of each system through the Viterbi decoder."});
        Charts.savePng(
                Charts.bars("Test frame accuracy", "frame accuracy (%)", systems, acc),
                img.resolve("frame_accuracy.png"));
        figures.add(new String[] {"frame_accuracy.png", "Test frame accuracy of each system."});
        return figures;
    }

    /** Train and test frame accuracy of the 3 %-data experiment's models. */
    private String[] regulariserFigure(Path img) throws IOException {
        CsvTable r = CsvTable.read(regulariser);
        List<String> sys = new ArrayList<>();
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("train", new ArrayList<>());
        series.put("test", new ArrayList<>());
        String tr = r.firstColumn("train_frame_acc", "frame_acc_train");
        String te = r.firstColumn("test_frame_acc", "frame_acc_test");
        double[] trv = Charts.percent(r.numbers(tr));
        double[] tev = Charts.percent(r.numbers(te));
        for (int i = 0; i < r.size(); i++) {
            sys.add(r.get(i, "system"));
            series.get("train").add(nanToZero(trv[i]));
            series.get("test").add(nanToZero(tev[i]));
        }
        Charts.savePng(
                Charts.groupedBars(
                        "Soft targets as a regulariser (3 % of the training data)", "frame accuracy (%)", sys, series),
                img.resolve("regulariser.png"));
        return new String[] {
            "regulariser.png",
            "Baseline on 3 % of the data overfits; the same model on the ensemble's soft targets for that 3 % does not (paper: 67.3/44.5, 65.4/57.0, 63.4/58.9 train/test)."
        };
    }

    /**
     * RESULTS.md: the results tables and, where given, the corpus, significance, conditions, GMM systems, boundaries
     * and commands.
     */
    private String markdown(
            String table,
            CorpusVoices corpus,
            SignificanceTable sig,
            ConditionTable conditions,
            GmmSystems gmms,
            BoundaryAccuracy boundaries)
            throws IOException {
        StringBuilder md = new StringBuilder("# " + title + "\n\n");
        if (corpus != null && corpus.pureJava()) {
            md.append("**Pure-Java path: FreeTTS voices only.**\n\n");
        }
        md.append(table).append("\n");
        if (corpus != null) {
            md.append("\n").append(corpus.markdown());
        }
        if (sig != null) {
            md.append("\n").append(sig.markdown());
        }
        if (conditions != null) {
            md.append("\n").append(conditions.markdown());
        }
        if (gmms != null) {
            md.append("\n").append(gmms.markdown());
        }
        if (boundaries != null) {
            md.append("\n").append(boundaries.markdown());
        }
        if (commands != null) {
            md.append("\n## Commands that produced these results\n\n```\n")
                    .append(Files.readString(commands))
                    .append("```\n");
        }
        return md.toString();
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static String html(
            String title,
            CsvTable res,
            SeedSummary overSeeds,
            SignificanceTable sig,
            GmmSystems gmms,
            BoundaryAccuracy boundaries,
            CorpusVoices corpus,
            List<String[]> figures) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title))
                .append("</title>\n")
                .append(
                        "<style>body{font-family:sans-serif;max-width:900px;margin:2em auto;color:#222}"
                                + "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:4px 10px;text-align:right}"
                                + "td:first-child,th:first-child{text-align:left}figure{margin:2em 0}figcaption{color:#555}</style></head><body>\n")
                .append("<h1>")
                .append(esc(title))
                .append("</h1>\n");
        if (corpus != null) {
            h.append(corpus.pureJava() ? "<p><strong>Pure-Java path: FreeTTS voices only.</strong> " : "<p>")
                    .append(esc(corpus.summary()))
                    .append("</p>\n");
        }
        resultsHtml(h, res);
        if (overSeeds != null) {
            seedsHtml(h, overSeeds);
        }
        if (sig != null) {
            h.append(sig.html());
        }
        if (gmms != null) {
            h.append(gmms.html());
        }
        if (boundaries != null) {
            boundariesHtml(h, boundaries);
        }
        for (String[] f : figures) {
            h.append("<figure><img src=\"report_files/")
                    .append(f[0])
                    .append("\" alt=\"")
                    .append(esc(f[1]))
                    .append("\" width=\"")
                    .append(Charts.WIDTH)
                    .append("\"><figcaption>")
                    .append(esc(f[1]))
                    .append("</figcaption></figure>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    /** The results table beside the paper's Table 1. */
    private static void resultsHtml(StringBuilder h, CsvTable res) {
        h.append("<h2>Results beside the paper's Table 1</h2>\n<table>\n<tr>");
        for (String col : res.header()) {
            h.append("<th>").append(esc(col)).append("</th>");
        }
        h.append("<th>paper test frame acc</th><th>paper WER</th></tr>\n");
        for (int i = 0; i < res.size(); i++) {
            h.append("<tr>");
            for (String col : res.header()) {
                String v = res.get(i, col);
                double d = CsvTable.parse(v);
                h.append("<td>")
                        .append(esc(
                                Double.isNaN(d) || col.equals("params") ? v : String.format(Locale.ROOT, "%.4g", d)))
                        .append("</td>");
            }
            double[] paper = PaperTable1.PAPER.get(res.get(i, "system"));
            h.append("<td>")
                    .append(paper == null ? "" : paper[0] + " %")
                    .append("</td><td>")
                    .append(paper == null ? "" : paper[1] + " %")
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** Means and standard deviations over seeds, and the gain kept. */
    private static void seedsHtml(StringBuilder h, SeedSummary overSeeds) {
        h.append(
                "<h2>Over seeds</h2>\n<table>\n<tr><th>system</th><th>models</th><th>dev frame acc (mean ± sd)</th><th>test frame acc (mean ± sd)</th><th>test WER (mean ± sd)</th></tr>\n");
        for (String sys : List.of("baseline", "ensemble", "distilled")) {
            SeedSummary.Stats st = overSeeds.get(sys);
            if (st != null) {
                h.append(String.format(
                        Locale.ROOT,
                        "<tr><td>%s</td><td>%d</td><td>%.2f ± %.2f %%</td><td>%.2f ± %.2f %%</td><td>%s</td></tr>%n",
                        sys,
                        st.n(),
                        st.devMean(),
                        st.devSd(),
                        st.testMean(),
                        st.testSd(),
                        esc(st.werCell())));
            }
        }
        h.append("</table>\n<p>").append(esc(overSeeds.keptSentence())).append("</p>\n");
    }

    private static void boundariesHtml(StringBuilder h, BoundaryAccuracy boundaries) {
        h.append(
                "<h2>Phone boundaries of the alignments against the corpus's own timings</h2>\n<table>\n"
                        + "<tr><th>alignment</th><th>utterances</th><th>within the collar</th><th>boundaries</th><th>collar</th></tr>\n");
        for (BoundaryAccuracy.Row r : boundaries.rows()) {
            h.append(String.format(
                    Locale.ROOT,
                    "<tr><td>%s</td><td>%s (%d)</td><td>%.2f %%</td><td>%d / %d</td><td>%.0f ms</td></tr>%n",
                    esc(r.alignment()),
                    esc(r.utterances()),
                    r.numUtterances(),
                    r.percent(),
                    r.matched(),
                    r.boundaries(),
                    r.collarMs()));
        }
        h.append("</table>\n");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
