package org.amdistill.recipes.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.core.cli.AmdException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's pictures, drawn with XChart into PNG files. */
public final class Charts {
    static final int WIDTH = 820;
    static final int HEIGHT = 480;

    private Charts() {}

    /** Dev (solid) and train (dashed) frame accuracy per epoch, one colour per model. */
    public static XYChart learningCurves(Map<String, CsvTable> curves) {
        XYChart c = xyChart("Learning curves (frame accuracy per epoch)", "epoch", "frame accuracy (%)");
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (Map.Entry<String, CsvTable> e : curves.entrySet()) {
            CsvTable t = e.getValue();
            String dev = t.firstColumn("dev_frame_acc", "frame_acc_dev");
            String train = t.firstColumn("train_frame_acc", "frame_acc_train");
            double[] epoch = t.numbers(t.firstColumn("epoch"));
            if (dev != null) {
                XYSeries s = c.addSeries(e.getKey() + " dev", epoch, percent(t.numbers(dev)));
                s.setMarker(SeriesMarkers.CIRCLE);
            }
            if (train != null
                    && curves.size() <= 4
                    && Arrays.stream(t.numbers(train)).anyMatch(x -> !Double.isNaN(x))) {
                XYSeries s = c.addSeries(e.getKey() + " train", epoch, percent(t.numbers(train)));
                s.setMarker(SeriesMarkers.NONE);
                s.setLineStyle(new BasicStroke(
                        1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            }
        }
        return c;
    }

    /** Ensemble frame accuracy against the number of members averaged. */
    public static XYChart membersCurve(CsvTable t) {
        XYChart c = xyChart("Ensemble frame accuracy vs number of members", "members averaged", "frame accuracy (%)");
        double[] n = t.numbers(t.firstColumn("num_members", "members", "n"));
        for (String col : t.header()) {
            if (col.contains("acc")) {
                c.addSeries(col, n, percent(t.numbers(col))).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return c;
    }

    /** Student frame accuracy against the temperature, one line per hard-label weight when there are several. */
    public static XYChart temperatureSweep(CsvTable t) {
        XYChart c = xyChart("Distillation temperature sweep", "temperature T", "student frame accuracy (%)");
        String tcol = t.firstColumn("temperature", "T", "t");
        String wcol = t.firstColumn("hard_weight", "w", "hard_label_weight");
        String acc = t.firstColumn("frame_acc_dev", "dev_frame_acc", "frame_acc_test", "frame_acc");
        if (tcol == null || acc == null) {
            throw new AmdException(
                    t.file() + ": a temperature sweep needs a temperature column and a frame accuracy column");
        }
        Map<String, List<double[]>> byW = new LinkedHashMap<>();
        for (int i = 0; i < t.size(); i++) {
            String w = wcol == null ? "student" : "w=" + t.get(i, wcol);
            byW.computeIfAbsent(w, k -> new ArrayList<>())
                    .add(new double[] {CsvTable.parse(t.get(i, tcol)), CsvTable.parse(t.get(i, acc))});
        }
        for (Map.Entry<String, List<double[]>> e : byW.entrySet()) {
            List<double[]> pts = e.getValue();
            pts.sort((a, b) -> Double.compare(a[0], b[0]));
            double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = percent(pts.stream().mapToDouble(p -> p[1]).toArray());
            c.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        return c;
    }

    /** A bar per system for one results column. */
    public static CategoryChart bars(String title, String yTitle, List<String> systems, List<Double> values) {
        CategoryChart c = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("system")
                .yAxisTitle(yTitle)
                .build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setLabelsVisible(true);
        c.getStyler().setDecimalPattern("#0.00");
        c.addSeries(yTitle, systems, values);
        return c;
    }

    /** Grouped bars: several columns (e.g. train and test accuracy) per system. */
    public static CategoryChart groupedBars(
            String title, String yTitle, List<String> systems, Map<String, List<Double>> series) {
        CategoryChart c = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("system")
                .yAxisTitle(yTitle)
                .build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLabelsVisible(true);
        c.getStyler().setDecimalPattern("#0.0");
        series.forEach((name, v) -> c.addSeries(name, systems, v));
        return c;
    }

    /** Writes a chart as PNG atomically (temporary file, then rename). */
    public static void savePng(Chart<?, ?> chart, Path png) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Path tmp = png.resolveSibling("." + png.getFileName() + ".tmp.png");
            BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
            Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AmdException("cannot write " + png + ": " + e.getMessage());
        }
    }

    /** An empty line chart of the report's size and style. */
    private static XYChart xyChart(String title, String xAxis, String yAxis) {
        XYChart c = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(xAxis)
                .yAxisTitle(yAxis)
                .build();
        style(c);
        return c;
    }

    private static void style(XYChart c) {
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        c.getStyler().setMarkerSize(6);
    }

    /** Accuracies stored as fractions (0..1) are shown in percent; values already in percent stay. */
    static double[] percent(double[] v) {
        double max = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                max = Math.max(max, Math.abs(x));
            }
        }
        if (max <= 1.0) {
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i] * 100;
            }
            return out;
        }
        return v;
    }
}
