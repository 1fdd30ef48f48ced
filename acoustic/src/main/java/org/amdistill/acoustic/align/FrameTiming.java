package org.amdistill.acoustic.align;

/**
 * Where frame boundaries fall in time, for phone CTMs written from alignments and read into them. Frame t's window
 * starts at {@code t * shift} (Kaldi's snip-edges), so its centre lies half a window later; the boundary between
 * frames t-1 and t is halfway between their centres, {@code t * shift + offset} with offset = (window - shift) / 2
 * (7.5 ms for 25 ms windows every 10 ms). Kaldi's CTMs use offset 0 and so place every boundary 7.5 ms early
 * against the audio; the first frame's start is time 0 either way.
 */
public record FrameTiming(double shift, double offset) {
    /** 25 ms windows every 10 ms with snip-edges: the front end's defaults. */
    public static final FrameTiming DEFAULT = new FrameTiming(0.01, 0.0075);

    public FrameTiming {
        if (!(shift > 0) || !(offset >= 0) || offset >= shift * 10) {
            throw new IllegalArgumentException("frame shift must be positive and the offset non-negative (got shift " + shift + ", offset " + offset + ")");
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
}
