package org.amdistill.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.amdistill.core.cli.AmdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two storage types of soft targets: float16 matrices and Kaldi posteriors. */
class SoftTargetTypesTest {
    @Test
    void halfPrecisionConversionIsExactWhereRepresentableAndRoundsToNearestEven() {
        // every finite half value converts back to itself
        for (int h = 0; h < 0x10000; h++) {
            short s = (short) h;
            float f = HalfMatrix.toFloat(s);
            if (Float.isNaN(f)) {
                assertTrue(Float.isNaN(HalfMatrix.toFloat(HalfMatrix.toHalf(f))));
            } else {
                assertEquals(s, HalfMatrix.toHalf(f), "half 0x" + Integer.toHexString(h) + " = " + f);
            }
        }
        assertEquals(1.0f, HalfMatrix.toFloat(HalfMatrix.toHalf(1.0f)));
        assertEquals(
                0x3c00,
                HalfMatrix.toHalf(1.0f + 0x1p-11f) & 0xffff,
                "halfway between 1 and 1+2^-10 rounds to even (1)");
        assertEquals(0x3c02, HalfMatrix.toHalf(1.0f + 3 * 0x1p-11f) & 0xffff, "halfway rounds to even (1+2^-9)");
        assertEquals(0x0001, HalfMatrix.toHalf(0x1p-24f) & 0xffff, "smallest subnormal");
        assertEquals(0, HalfMatrix.toHalf(0x1p-26f) & 0xffff, "below half the smallest subnormal: zero");
        assertEquals(Float.POSITIVE_INFINITY, HalfMatrix.toFloat(HalfMatrix.toHalf(70000f)));
        Random r = new Random(3);
        for (int i = 0; i < 10000; i++) {
            float p = r.nextFloat();
            float back = HalfMatrix.toFloat(HalfMatrix.toHalf(p));
            assertTrue(Math.abs(back - p) <= Math.max(p * 0x1p-11f, 0x1p-25f), p + " -> " + back);
        }
    }

    @Test
    void halfMatricesAndPosteriorsRoundTripThroughArchives(@TempDir Path dir) {
        Matrix m = new Matrix(3, 4);
        Random r = new Random(1);
        for (int i = 0; i < m.data().length; i++) {
            m.data()[i] = r.nextFloat();
        }
        Posterior p = new Posterior(new int[][] {{0, 3}, {}, {2}}, new float[][] {{0.25f, 0.75f}, {}, {1f}});
        for (String kind : new String[] {"ark", "ark,t"}) {
            String h = kind + ":" + dir.resolve("h." + kind.replace(',', '_'));
            String q = kind + ":" + dir.resolve("p." + kind.replace(',', '_'));
            try (TableWriter<HalfMatrix> w = TableWriter.open(h, HalfMatrix.CODEC);
                    TableWriter<Posterior> v = TableWriter.open(q, Posterior.CODEC)) {
                w.write("u1", HalfMatrix.of(m));
                v.write("u1", p);
            }
            try (RandomAccessReader<HalfMatrix> rh = RandomAccessReader.open(h, HalfMatrix.CODEC);
                    RandomAccessReader<Posterior> rp = RandomAccessReader.open(q, Posterior.CODEC)) {
                assertArrayEquals(m.data(), rh.get("u1").toMatrix().data(), 5e-4f, kind);
                Posterior back = rp.get("u1");
                assertEquals(3, back.numFrames());
                assertArrayEquals(new int[] {0, 3}, back.ids()[0]);
                assertArrayEquals(new float[] {0.25f, 0.75f}, back.weights()[0]);
                assertEquals(0, back.ids()[1].length);
                float[] row = new float[5];
                back.fillDense(0, row, 1, 4);
                assertArrayEquals(new float[] {0, 0.25f, 0, 0, 0.75f}, row);
            }
        }
    }

    @Test
    void textPosteriorsUseKaldisLayoutAndBadOnesAreNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("post.txt");
        Files.writeString(f, "utt1 [ 0 1 ] [ 3 0.5 7 0.5 ]\n");
        try (SequentialReader<Posterior> r = SequentialReader.open("ark,t:" + f, Posterior.CODEC)) {
            Posterior p = r.iterator().next().value();
            assertArrayEquals(new int[] {3, 7}, p.ids()[1]);
            assertArrayEquals(new float[] {0.5f, 0.5f}, p.weights()[1]);
        }
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "utt2 [ 0 1 2 ]\n");
        AmdException e = assertThrows(AmdException.class, () -> {
            try (SequentialReader<Posterior> r = SequentialReader.open("ark,t:" + bad, Posterior.CODEC)) {
                r.iterator().next().value();
            }
        });
        assertTrue(e.getMessage().contains("bad.txt") && e.getMessage().contains("[ id weight"), e.getMessage());
    }
}
