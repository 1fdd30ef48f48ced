package org.amdistill.core.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.amdistill.core.cli.Cli;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.RandomAccessReader;
import org.amdistill.core.table.TableWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyFeatsTest {
    @Test
    void compressesAndReadsBack(@TempDir Path dir) throws Exception {
        Matrix m = new Matrix(50, 13);
        Random rnd = new Random(5);
        for (int i = 0; i < m.data().length; i++) {
            m.data()[i] = (float) rnd.nextGaussian();
        }
        try (TableWriter<Matrix> w = TableWriter.open("ark:" + dir.resolve("in.ark"), Codecs.MATRIX)) {
            w.write("utt1", m);
        }
        assertEquals(
                0,
                Cli.execute(
                        new CopyFeats(),
                        "--compress=true",
                        "ark:" + dir.resolve("in.ark"),
                        "ark,scp:" + dir.resolve("out.ark") + "," + dir.resolve("out.scp")));
        byte[] out = Files.readAllBytes(dir.resolve("out.ark"));
        assertEquals("utt1 \0BCM ", new String(out, 0, 10, StandardCharsets.ISO_8859_1));
        assertTrue(out.length < 50 * 13 * 4 / 2, "compressed is smaller");
        try (RandomAccessReader<Matrix> r = RandomAccessReader.open("scp:" + dir.resolve("out.scp"), Codecs.MATRIX)) {
            Matrix back = r.get("utt1");
            for (int i = 0; i < m.data().length; i++) {
                assertEquals(m.data()[i], back.data()[i], 0.1);
            }
        }
        assertEquals(
                1, Cli.execute(new CopyFeats(), "ark:" + dir.resolve("missing.ark"), "ark:" + dir.resolve("x.ark")));
        assertTrue(Files.notExists(dir.resolve("x.ark")));
    }
}
