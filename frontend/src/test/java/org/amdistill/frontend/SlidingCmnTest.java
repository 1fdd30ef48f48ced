package org.amdistill.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.amdistill.core.table.Matrix;
import org.junit.jupiter.api.Test;

class SlidingCmnTest {
    private static Matrix feats(int frames, int dim, long seed) {
        Random r = new Random(seed);
        Matrix m = new Matrix(frames, dim);
        for (int i = 0; i < m.data().length; i++) {
            int row = i / dim; // a slow drift from row to row
            m.data()[i] = (float) (5 + 3 * r.nextGaussian() + row * 0.01);
        }
        return m;
    }

    /**
     * Kaldi's SlidingWindowCmn read literally: the window of each frame (its rules for the edges and the minimum
     * window), and the window's statistics summed afresh for every frame.
     */
    private static Matrix literal(SlidingCmnOptions o, Matrix in) {
        int n = in.rows();
        int dim = in.cols();
        Matrix out = new Matrix(n, dim);
        for (int t = 0; t < n; t++) {
            int start = o.center ? t - o.cmnWindow / 2 : t - o.cmnWindow;
            int end = o.center ? start + o.cmnWindow : t + 1;
            if (start < 0) {
                end -= start;
                start = 0;
            }
            if (!o.center && end > t) {
                end = Math.max(t + 1, o.minWindow);
            }
            if (end > n) {
                start = Math.max(0, start - (end - n));
                end = n;
            }
            int w = end - start;
            for (int c = 0; c < dim; c++) {
                double s = 0;
                double q = 0;
                for (int k = start; k < end; k++) {
                    s += in.get(k, c);
                    q += (double) in.get(k, c) * in.get(k, c);
                }
                double v = in.get(t, c) - s / w;
                if (o.normVars) {
                    v = w == 1 ? 0 : v / Math.sqrt(Math.max(q / w - (s / w) * (s / w), 1e-10));
                }
                out.set(t, c, (float) v);
            }
        }
        return out;
    }

    private static SlidingCmnOptions opts(int window, int min, boolean center, boolean vars) {
        SlidingCmnOptions o = new SlidingCmnOptions();
        o.cmnWindow = window;
        o.minWindow = min;
        o.center = center;
        o.normVars = vars;
        return o;
    }

    @Test
    void matchesKaldisDefinitionForEveryOptionAndLength() {
        for (SlidingCmnOptions o : List.of(
                opts(600, 100, false, false),
                opts(50, 20, false, true),
                opts(50, 20, true, false),
                opts(31, 5, true, true),
                opts(10, 100, false, true))) {
            for (int frames : new int[] {1, 7, 19, 60, 250}) {
                Matrix in = feats(frames, 5, frames);
                assertArrayEquals(
                        literal(o, in).data(),
                        SlidingCmn.apply(o, in).data(),
                        2e-4f,
                        o.describe() + " on " + frames + " frames");
            }
        }
    }

    @Test
    void framesFedOneByOneComeOutAsSoonAsTheirWindowIsCompleteAndEqualTheBatch() {
        Random r = new Random(5);
        for (SlidingCmnOptions o :
                List.of(opts(600, 100, false, true), opts(40, 10, false, false), opts(30, 10, true, true))) {
            Matrix in = feats(300, 4, 9);
            Matrix whole = SlidingCmn.apply(o, in);
            SlidingCmn s = new SlidingCmn(o, 4);
            List<float[]> out = new ArrayList<>();
            for (int t = 0; t < in.rows(); t++) {
                out.addAll(s.accept(in.row(t)));
                int n = t + 1;
                // frame u needs min-cmn-window frames (the window's end) at the start; centred, half a window ahead
                int ready = o.center
                        ? (n < o.cmnWindow ? 0 : Math.min(n, n - (o.cmnWindow - o.cmnWindow / 2) + 1))
                        : (n < o.minWindow ? 0 : n);
                assertEquals(ready, out.size(), "frames out after " + n + " in, " + o.describe());
                if (r.nextInt(50) == 0) {
                    assertEquals(t + 1 - out.size(), s.pending());
                }
            }
            out.addAll(s.finish());
            assertEquals(in.rows(), out.size());
            for (int t = 0; t < out.size(); t++) {
                assertArrayEquals(whole.row(t), out.get(t), 0f, "frame " + t);
            }
            assertThrows(IllegalStateException.class, () -> s.accept(new float[4]));
        }
    }

    @Test
    void badOptionsAreNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new SlidingCmn(opts(0, 1, false, false), 3));
        assertEquals("--cmn-window must be > 0, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SlidingCmn(opts(10, 20, true, false), 3));
    }
}
