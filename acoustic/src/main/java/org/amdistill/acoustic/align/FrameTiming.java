package org.amdistill.acoustic.align;

import java.util.Locale;

/**
 * Where frame boundaries fall in time, for phone CTMs written from alignments and read into them. Kaldi writes the
 * boundary before frame t at {@code t * shift} (offset 0, the default here, so that our CTMs are Kaldi's). In the
 * audio, though, frame t's window starts at {@code t * shift} (snip-edges) and its centre lies half a window later;
 * the change that a boundary between frames t-1 and t marks lies halfway between their centres, at
 * {@code t * shift + (window - shift) / 2}: 7.5 ms later for 25 ms windows every 10 ms ({@link #WINDOW_CENTRES}).
 * That offset is the one to use against timings in the audio's own terms (hand labels, TTS timings).
 */
public record FrameTiming(double shift, double offset) {
    /** Kaldi's convention: the boundary before frame t at t * 10 ms. */
    public static final FrameTiming KALDI = new FrameTiming(0.01, 0);
    /** Boundaries between window centres, for 25 ms windows every 10 ms with snip-edges (the front end's defaults). */
    public static final FrameTiming WINDOW_CENTRES = new FrameTiming(0.01, 0.0075);

    public FrameTiming {
        if (!(shift > 0) || !(offset >= 0) || offset >= shift * 10) {
            throw new IllegalArgumentException("frame shift must be positive and the offset non-negative (got shift "
                    + shift + ", offset " + offset + ")");
        }
    }

    /** The time of the boundary before frame {@code frame}. */
    public double time(int frame) {
        return frame <= 0 ? 0 : frame * shift + offset;
    }

    /** The frame whose preceding boundary is nearest to {@code seconds} (halves rounded up whatever the float error). */
    public int frame(double seconds) {
        return Math.max(0, (int) Math.floor((seconds - offset) / shift + 0.5 + 1e-6));
    }

    /** CTM times to the millisecond, or to a tenth of one where the offset needs it. */
    public String format(double seconds) {
        boolean wholeMs = Math.abs(offset * 1000 - Math.rint(offset * 1000)) < 1e-9
                && Math.abs(shift * 1000 - Math.rint(shift * 1000)) < 1e-9;
        return String.format(Locale.ROOT, wholeMs ? "%.3f" : "%.4f", seconds);
    }
}
