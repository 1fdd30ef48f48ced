package org.amdistill.acoustic.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FrameTimingTest {
    @Test
    void boundariesLieBetweenWindowCentresAndRoundTrip() {
        FrameTiming t = FrameTiming.WINDOW_CENTRES;
        // frame 3's window is 30-55 ms (centre 42.5), frame 2's 20-45 ms (centre 32.5): the boundary is at 37.5 ms
        assertEquals(0.0375, t.time(3), 1e-12);
        assertEquals(0.0, t.time(0), 0.0, "the first frame starts the audio");
        for (int f = 0; f < 1000; f++) {
            assertEquals(f, t.frame(t.time(f)), "frame " + f);
        }
        assertEquals(3, t.frame(0.0376));
        assertEquals(2, t.frame(0.0324), "a boundary at 32.4 ms is nearer frame 2's (27.5 ms) than frame 3's");
        assertEquals(3, t.frame(0.0325), "halves go to the later frame");
        assertEquals(0, t.frame(0.001));
        FrameTiming kaldi = FrameTiming.KALDI;
        assertEquals("0.030", kaldi.format(kaldi.time(3)));
        assertEquals("0.0375", t.format(t.time(3)));
        assertEquals(0.03, kaldi.time(3), 1e-12);
        assertEquals(3, kaldi.frame(0.025));
        assertThrows(IllegalArgumentException.class, () -> new FrameTiming(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FrameTiming(0.01, -0.001));
    }
}
