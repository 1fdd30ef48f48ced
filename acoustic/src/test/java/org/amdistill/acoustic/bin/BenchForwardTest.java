package org.amdistill.acoustic.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.amdistill.acoustic.dnn.DnnTrainerTestSupport;
import org.amdistill.core.cli.Cli;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.TableWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchForwardTest {
    @Test
    void timesEveryModelAndWritesItsRatioToTheLast(@TempDir Path dir) throws Exception {
        // a comma in a model's path: quoted in the CSV, not a column more
        Path small = DnnTrainerTestSupport.trainTiny(dir.resolve("small,\"8\""), 8);
        Path big = DnnTrainerTestSupport.trainTiny(dir.resolve("big"), 256);
        String feats = "ark:" + dir.resolve("feats.ark");
        try (TableWriter<Matrix> w = TableWriter.open(feats, Codecs.MATRIX)) {
            for (int u = 0; u < 4; u++) {
                w.write("u" + u, DnnTrainerTestSupport.features(u, 50 + 20 * u));
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path csv = dir.resolve("bench.csv");
        int rc = Cli.execute(
                new BenchForward(),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "--repetitions=2",
                "--csv=" + csv,
                feats,
                small.toString(),
                big.toString());
        assertEquals(0, rc, err.toString());
        assertEquals(
                "model,seconds,utterances,frames,params,ratio_to_last",
                Files.readAllLines(csv).get(0));
        List<CSVRecord> rows;
        try (CSVParser p = CSVFormat.DEFAULT.parse(Files.newBufferedReader(csv))) {
            rows = p.getRecords();
        }
        assertEquals(3, rows.size(), "a row per model: " + rows);
        String[] s = rows.get(1).values();
        String[] b = rows.get(2).values();
        assertEquals(small.toString(), s[0]);
        assertEquals("4", s[2]);
        assertEquals("320", s[3], "frames of the four utterances");
        assertTrue(Long.parseLong(s[4]) < Long.parseLong(b[4]), "parameter counts: " + rows);
        assertEquals("1.0000", b[5], "the last model is the reference");
        assertEquals(Double.parseDouble(s[1]) / Double.parseDouble(b[1]), Double.parseDouble(s[5]), 0.01);
        assertTrue(Double.parseDouble(s[1]) > 0, rows.get(1).toString());
        // with the caches evicted before every pass (untimed): the same table
        rc = Cli.execute(
                new BenchForward(),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "--repetitions=1",
                "--evict-mb=2",
                "--csv=" + csv,
                feats,
                small.toString(),
                big.toString());
        assertEquals(0, rc, err.toString());
        assertEquals(3, Files.readAllLines(csv).size());
    }
}
