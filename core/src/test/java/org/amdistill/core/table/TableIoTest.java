package org.amdistill.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.amdistill.core.cli.AmdException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableIoTest {
    /** Kaldi's reference outputs, kept in the repository (see testdata/README.md). */
    static final Path REF = Path.of("..", "testdata", "kaldi").toAbsolutePath().normalize();

    static Path ref(String name) {
        return REF.resolve(name);
    }

    static Map<String, Matrix> readAll(String rspec) {
        Map<String, Matrix> m = new LinkedHashMap<>();
        try (SequentialReader<Matrix> r = SequentialReader.open(rspec, Codecs.MATRIX)) {
            for (Entry<Matrix> e : r) {
                m.put(e.key(), e.value());
            }
        }
        return m;
    }

    static Matrix random(Random rnd, int rows, int cols) {
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.data().length; i++) {
            m.data()[i] = (float) (rnd.nextGaussian() * 3 + 10);
        }
        return m;
    }

    @Test
    void kaldiBinaryArchiveScpAndTextAgree() throws IOException {
        // Kaldi wrote fbank40.ark/.scp (binary) and fbank40.txt (text) from the same command.
        Path scp = Files.createTempFile("fbank40", ".scp");
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(ref("fbank40.scp"))) {
            String[] kv = l.split(" ", 2);
            String rx = kv[1];
            lines.add(kv[0] + " "
                    + ref(Path.of(rx.substring(0, rx.lastIndexOf(':')))
                            .getFileName()
                            .toString()) + rx.substring(rx.lastIndexOf(':')));
        }
        Files.write(scp, lines);
        Map<String, Matrix> text = readAll("ark:" + ref("fbank40.txt"));
        Map<String, Matrix> ark = readAll("ark:" + ref("fbank40.ark"));
        Map<String, Matrix> viaScp = readAll("scp:" + scp);
        assertEquals(3, text.size());
        assertEquals(text.keySet(), ark.keySet());
        assertEquals(ark, viaScp);
        for (String k : text.keySet()) {
            Matrix a = ark.get(k);
            Matrix t = text.get(k);
            assertEquals(40, a.cols());
            assertEquals(t.rows(), a.rows(), k);
            for (int i = 0; i < a.data().length; i++) {
                // text holds 6 significant digits
                assertEquals(a.data()[i], t.data()[i], 1e-4 * Math.max(1, Math.abs(a.data()[i])), k);
            }
        }
        try (RandomAccessReader<Matrix> ra = RandomAccessReader.open("ark:" + ref("fbank40.ark"), Codecs.MATRIX)) {
            for (String k : ark.keySet()) {
                assertEquals(ark.get(k), ra.get(k));
            }
            assertFalse(ra.contains("nope"));
            assertThrows(AmdException.class, () -> ra.get("nope"));
        }
    }

    @Test
    void readsKaldiDoubleCmvnStatsText() {
        try (SequentialReader<DoubleMatrix> r =
                SequentialReader.open("ark:" + ref("cmvn_stats.txt"), Codecs.DOUBLE_MATRIX)) {
            int n = 0;
            for (Entry<DoubleMatrix> e : r) {
                assertEquals(2, e.value().rows());
                assertEquals(41, e.value().cols());
                assertEquals(0.0, e.value().get(1, 40), 0.0);
                assertTrue(e.value().get(0, 40) > 0, "frame count");
                n++;
            }
            assertEquals(3, n);
        }
    }

    @Test
    void roundTripsEveryTypeInBinaryAndText(@TempDir Path dir) {
        Random rnd = new Random(1);
        Map<String, Matrix> mats = new LinkedHashMap<>();
        mats.put("a", random(rnd, 7, 5));
        mats.put("b", random(rnd, 0, 0));
        mats.put("c", random(rnd, 30, 3));
        for (String opts : new String[] {"ark", "ark,t"}) {
            String ark = dir.resolve(opts.replace(",", "_") + ".ark").toString();
            String scp = dir.resolve(opts.replace(",", "_") + ".scp").toString();
            try (TableWriter<Matrix> w = TableWriter.open(opts + ",scp:" + ark + "," + scp, Codecs.MATRIX)) {
                mats.forEach(w::write);
            }
            Map<String, Matrix> back = readAll("scp:" + scp);
            Map<String, Matrix> back2 = readAll("ark:" + ark);
            assertEquals(back, back2);
            for (String k : mats.keySet()) {
                float[] x = mats.get(k).data();
                float[] y = back.get(k).data();
                assertEquals(x.length, y.length);
                for (int i = 0; i < x.length; i++) {
                    assertEquals(x[i], y[i], opts.contains("t") ? 1e-5 * Math.abs(x[i]) : 0.0);
                }
            }
        }
        String ali = dir.resolve("ali.ark").toString();
        try (TableWriter<int[]> w = TableWriter.open("ark:" + ali, Codecs.INT_VECTOR)) {
            w.write("u1", new int[] {1, 1, 2, 300000});
            w.write("u2", new int[0]);
        }
        try (RandomAccessReader<int[]> r = RandomAccessReader.open("ark:" + ali, Codecs.INT_VECTOR)) {
            assertArrayEquals(new int[] {1, 1, 2, 300000}, r.get("u1"));
            assertArrayEquals(new int[0], r.get("u2"));
        }
        String alit = dir.resolve("ali.txt").toString();
        try (TableWriter<int[]> w = TableWriter.open("ark,t:" + alit, Codecs.INT_VECTOR)) {
            w.write("u1", new int[] {4, 5});
        }
        try (SequentialReader<int[]> r = SequentialReader.open("ark:" + alit, Codecs.INT_VECTOR)) {
            Entry<int[]> e = r.iterator().next();
            assertArrayEquals(new int[] {4, 5}, e.value());
        }
        String vec = dir.resolve("v.ark").toString();
        try (TableWriter<float[]> w = TableWriter.open("ark:" + vec, Codecs.FLOAT_VECTOR)) {
            w.write("x", new float[] {1.5f, -2f});
        }
        try (SequentialReader<double[]> r = SequentialReader.open("ark:" + vec, Codecs.DOUBLE_VECTOR)) {
            assertArrayEquals(new double[] {1.5, -2}, r.iterator().next().value());
        }
    }

    @Test
    void compressedMatricesStayCloseToTheOriginal(@TempDir Path dir) {
        Random rnd = new Random(2);
        Map<String, Matrix> mats = new LinkedHashMap<>();
        mats.put("long", random(rnd, 200, 40)); // format 1 (CM)
        mats.put("short", random(rnd, 5, 40)); // format 2 (CM2)
        String ark = dir.resolve("c.ark").toString();
        try (TableWriter<Matrix> w = TableWriter.open("ark:" + ark, Codecs.COMPRESSED_MATRIX)) {
            mats.forEach(w::write);
        }
        Map<String, Matrix> back = readAll("ark:" + ark);
        for (String k : mats.keySet()) {
            float[] x = mats.get(k).data();
            float[] y = back.get(k).data();
            double maxErr = 0;
            for (int i = 0; i < x.length; i++) {
                maxErr = Math.max(maxErr, Math.abs(x[i] - y[i]));
            }
            // Range ~ 40: one-byte coding of the inner half ~ 0.1 at worst, two bytes ~ 1e-3.
            assertTrue(maxErr < (k.equals("long") ? 0.5 : 0.01), k + " max error " + maxErr);
        }
    }

    @Test
    void brokenArchivesNameTheFileAndOffset(@TempDir Path dir) throws IOException {
        Random rnd = new Random(3);
        Path ark = dir.resolve("good.ark");
        try (TableWriter<Matrix> w = TableWriter.open("ark:" + ark, Codecs.MATRIX)) {
            w.write("u1", random(rnd, 10, 4));
            w.write("u2", random(rnd, 10, 4));
        }
        byte[] bytes = Files.readAllBytes(ark);
        Path truncated = dir.resolve("trunc.ark");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 7));
        AmdException e = assertThrows(AmdException.class, () -> readAll("ark:" + truncated));
        assertTrue(e.getMessage().contains("trunc.ark") && e.getMessage().contains("byte"), e.getMessage());

        Path badHeader = dir.resolve("bad.ark");
        byte[] b2 = bytes.clone();
        b2[5] = 'X'; // "u1 \0B" then "FM " -> "XM "
        Files.write(badHeader, b2);
        e = assertThrows(AmdException.class, () -> readAll("ark:" + badHeader));
        assertTrue(e.getMessage().contains("bad.ark") && e.getMessage().contains("XM"), e.getMessage());

        Path scp = dir.resolve("x.scp");
        Files.writeString(scp, "u1 " + dir.resolve("missing.ark") + ":3\nu2 " + ark + ":3\n", StandardCharsets.UTF_8);
        int failed = 0;
        int ok = 0;
        try (SequentialReader<Matrix> r = SequentialReader.open("scp:" + scp, Codecs.MATRIX)) {
            for (Entry<Matrix> en : r) {
                try {
                    en.value();
                    ok++;
                } catch (AmdException ex) {
                    assertTrue(
                            ex.getMessage().contains("u1") && ex.getMessage().contains("missing.ark"), ex.getMessage());
                    failed++;
                }
            }
        }
        assertEquals(1, failed);
        assertEquals(1, ok);
        assertThrows(AmdException.class, () -> SequentialReader.open("foo.ark", Codecs.MATRIX));
    }

    @Test
    void pipesAndFailedCommands(@TempDir Path dir) throws IOException {
        Path ark = dir.resolve("p.ark");
        try (TableWriter<Matrix> w = TableWriter.open("ark:| cat > " + ark, Codecs.MATRIX)) {
            w.write("u", random(new Random(4), 3, 2));
        }
        assertEquals(1, readAll("ark:cat " + ark + " |").size());
        AmdException e = assertThrows(AmdException.class, () -> readAll("ark:cat " + ark + "; exit 3 |"));
        assertTrue(e.getMessage().contains("exit status 3"), e.getMessage());
    }

    @Test
    void writerLeavesNothingWhenAborted(@TempDir Path dir) throws IOException {
        Path ark = dir.resolve("x.ark");
        TableWriter<Matrix> w = TableWriter.open("ark:" + ark, Codecs.MATRIX);
        w.write("u", new Matrix(2, 2));
        assertFalse(Files.exists(ark), "not visible before close");
        w.abort();
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void anAtomicWriterPublishesOnlyOnCommit(@TempDir Path dir) throws IOException {
        Path ark = dir.resolve("x.ark");
        Path scp = dir.resolve("x.scp");
        RuntimeException thrown = Assertions.assertThrows(RuntimeException.class, () -> {
            try (TableWriter<Matrix> w = TableWriter.openAtomic("ark,scp:" + ark + "," + scp, Codecs.MATRIX)) {
                w.write("u1", new Matrix(2, 2));
                throw new IllegalStateException("utterance u2 is broken");
            }
        });
        assertEquals("utterance u2 is broken", thrown.getMessage());
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "a failed block leaves no partial archive (nor its temporary files)");
        }
        try (TableWriter<Matrix> w = TableWriter.openAtomic("ark,scp:" + ark + "," + scp, Codecs.MATRIX)) {
            w.write("u1", new Matrix(2, 2));
            w.commit();
        }
        assertTrue(Files.exists(ark) && Files.exists(scp));
        try (SequentialReader<Matrix> r = SequentialReader.open("scp:" + scp, Codecs.MATRIX)) {
            assertEquals("u1", r.iterator().next().key());
        }
    }

    @Test
    void formatsNumbersLikeCxxStreams() {
        assertEquals("0", TextFormat.formatG(0));
        assertEquals("1", TextFormat.formatG(1));
        assertEquals("-3.5", TextFormat.formatG(-3.5));
        assertEquals("123457", TextFormat.formatG(123456.7));
        assertEquals("1.23457e+06", TextFormat.formatG(1234567));
        assertEquals("0.0001", TextFormat.formatG(1e-4));
        assertEquals("1e-05", TextFormat.formatG(1e-5));
        assertEquals("15.2069", TextFormat.formatG(15.20689));
        assertEquals("inf", TextFormat.formatG(Double.POSITIVE_INFINITY));
    }
}
