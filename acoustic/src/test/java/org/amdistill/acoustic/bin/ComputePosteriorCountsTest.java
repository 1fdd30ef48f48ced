package org.amdistill.acoustic.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.AcousticModelLoader;
import org.amdistill.acoustic.PdfPriorOptions;
import org.amdistill.acoustic.dnn.DnnTrainerTestSupport;
import org.amdistill.core.cli.Cli;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.TableWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComputePosteriorCountsTest {
    @Test
    void countsAreTheSummedPosteriorsAndServeAsClassFrameCounts(@TempDir Path dir) throws Exception {
        Path model = DnnTrainerTestSupport.trainTiny(dir.resolve("m"), 8);
        String feats = "ark:" + dir.resolve("feats.ark");
        try (TableWriter<Matrix> w = TableWriter.open(feats, Codecs.MATRIX)) {
            for (int u = 0; u < 3; u++) {
                w.write("u" + u, DnnTrainerTestSupport.features(u, 30 + 10 * u));
            }
        }
        Path counts = dir.resolve("post_counts.vec");
        StringWriter err = new StringWriter();
        int rc = Cli.execute(
                new ComputePosteriorCounts(),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                "--model=" + model,
                feats,
                counts.toString());
        assertEquals(0, rc, err.toString());
        double[] c = PdfPriorOptions.readCounts(counts);
        AcousticModel m = AcousticModelLoader.loadAny(model);
        assertEquals(m.numPdfs(), c.length);
        double total = 0;
        for (double x : c) {
            total += x;
        }
        assertEquals(30 + 40 + 50, total, 1e-3, "posteriors sum to one per frame");
        Matrix lp = m.logPosteriors(DnnTrainerTestSupport.features(0, 30));
        double first = 0;
        for (int t = 0; t < 30; t++) {
            first += Math.exp(lp.get(t, 0));
        }
        assertNotEquals(0, first);
        try (TableWriter<Matrix> w = TableWriter.open("ark:" + dir.resolve("one.ark"), Codecs.MATRIX)) {
            w.write("u0", DnnTrainerTestSupport.features(0, 30));
        }
        assertEquals(first, ComputePosteriorCounts.sum(m, "ark:" + dir.resolve("one.ark"))[0], 1e-3);
    }
}
