package org.amdistill.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.amdistill.core.table.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The streaming form gives the batch form's frames bit for bit, whatever the chunks (empty ones included). */
class FbankStreamTest {
    @ParameterizedTest(name = "snip-edges={0} dither={1} pow2={2} samples={3}")
    @CsvSource({
        "true,0,true,16000",
        "false,0,true,16000",
        "true,1,true,12345",
        "false,1,true,12345",
        "false,0,false,7777",
        "true,0,false,7777",
        "false,0,true,150",
        "false,0,true,399",
        "true,0,true,399",
        "true,0,true,400",
        "false,0,true,1",
        "false,0,true,0",
        "true,0,true,0",
        "false,1,false,401",
    })
    void chunkedEqualsBatch(boolean snip, float dither, boolean pow2, int samples) {
        FbankOptions o = new FbankOptions();
        o.frame.snipEdges = snip;
        o.frame.dither = dither;
        o.frame.roundToPowerOfTwo = pow2;
        o.frame.windowType = "hanning";
        o.useEnergy = true;
        Random r = new Random(samples);
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = (float) (3000 * Math.sin(i * 0.013 * (1 + i / 5000.0)) + 100 * r.nextGaussian());
        }
        Fbank f = new Fbank(o);
        Matrix batch = f.compute(x, new SplittableRandom(5));
        assertEquals(o.frame.numFrames(samples), batch.rows());
        for (int trial = 0; trial < 20; trial++) {
            Fbank.Stream s = f.stream(new SplittableRandom(5));
            List<Matrix> parts = new ArrayList<>();
            int pos = 0;
            while (pos < samples) {
                int n =
                        switch (r.nextInt(4)) {
                            case 0 -> 0;
                            case 1 -> 1 + r.nextInt(10);
                            case 2 -> r.nextInt(500);
                            default -> r.nextInt(4000);
                        };
                n = Math.min(n, samples - pos);
                float[] chunk = new float[n + 7]; // an offset into a larger array, as a caller's buffer would be
                System.arraycopy(x, pos, chunk, 3, n);
                s.accept(chunk, 3, n);
                pos += n;
                if (r.nextBoolean()) {
                    parts.add(s.takeFrames());
                }
            }
            s.accept(new float[0], 0, 0);
            s.finish();
            parts.add(s.takeFrames());
            float[] all = new float[batch.data().length];
            int at = 0;
            int rows = 0;
            for (Matrix m : parts) {
                System.arraycopy(m.data(), 0, all, at, m.data().length);
                at += m.data().length;
                rows += m.rows();
            }
            assertEquals(batch.rows(), rows, "frames, trial " + trial);
            assertArrayEquals(batch.data(), all, "trial " + trial);
        }
    }

    @Test
    void framesArriveAsSoonAsTheirWindowIsComplete() {
        FbankOptions o = new FbankOptions();
        o.frame.dither = 0;
        Fbank.Stream s = new Fbank(o).stream(null);
        s.accept(new float[399], 0, 399);
        assertEquals(0, s.framesDone());
        s.accept(new float[1], 0, 1);
        assertEquals(1, s.framesDone());
        s.accept(new float[160], 0, 160);
        assertEquals(2, s.framesDone());
        s.finish();
        assertThrows(IllegalStateException.class, () -> s.accept(new float[1], 0, 1));
    }
}
