package org.amdistill.frontend;

import java.util.Set;
import picocli.CommandLine.Option;

/** How a waveform is cut into windowed frames: Kaldi's FrameExtractionOptions, same names and defaults. */
public final class FrameExtractionOptions {
    @Option(
            names = "--sample-frequency",
            description = "Waveform data sample frequency (must match the waveform file, if specified there)")
    public float sampleFrequency = 16000;

    @Option(names = "--frame-shift", description = "Frame shift in milliseconds")
    public float frameShiftMs = 10;

    @Option(names = "--frame-length", description = "Frame length in milliseconds")
    public float frameLengthMs = 25;

    @Option(
            names = "--dither",
            description =
                    "Dithering constant (0.0 means no dither). If you turn this off, you should set the --energy-floor option, e.g. to 1.0 or 0.1")
    public float dither = 1.0f;

    @Option(names = "--seed", description = "Seed of the dithering noise (amdistill: dither is reproducible)")
    public long seed = 0;

    @Option(names = "--preemphasis-coefficient", description = "Coefficient for use in signal preemphasis")
    public float preemphCoeff = 0.97f;

    @Option(
            names = "--remove-dc-offset",
            arity = "0..1",
            fallbackValue = "true",
            description = "Subtract mean from waveform on each frame")
    public boolean removeDcOffset = true;

    @Option(
            names = "--window-type",
            description = "Type of window (\"hamming\"|\"hanning\"|\"povey\"|\"rectangular\"|\"sine\"|\"blackman\")")
    public String windowType = "povey";

    @Option(
            names = "--round-to-power-of-two",
            arity = "0..1",
            fallbackValue = "true",
            description = "If true, round window size to power of two by zero-padding input to FFT.")
    public boolean roundToPowerOfTwo = true;

    @Option(names = "--blackman-coeff", description = "Constant coefficient for generalized Blackman window.")
    public float blackmanCoeff = 0.42f;

    @Option(
            names = "--snip-edges",
            arity = "0..1",
            fallbackValue = "true",
            description =
                    "If true, end effects will be handled by outputting only frames that completely fit in the file, and the number of frames depends on the frame-length.  If false, the number of frames depends only on the frame-shift, and we reflect the data at the ends.")
    public boolean snipEdges = true;

    public int windowShift() {
        return (int) (sampleFrequency * 0.001f * frameShiftMs);
    }

    public int windowSize() {
        return (int) (sampleFrequency * 0.001f * frameLengthMs);
    }

    public int paddedWindowSize() {
        int size = windowSize();
        if (!roundToPowerOfTwo) {
            return size;
        }
        int p = 1;
        while (p < size) {
            p <<= 1;
        }
        return p;
    }

    /** Kaldi's NumFrames(num_samples, opts, flush = true). */
    public int numFrames(long numSamples) {
        int shift = windowShift();
        int length = windowSize();
        if (snipEdges) {
            return numSamples < length ? 0 : (int) (1 + (numSamples - length) / shift);
        }
        return (int) ((numSamples + shift / 2) / shift);
    }

    /** Kaldi's FirstSampleOfFrame. */
    public long firstSampleOfFrame(int frame) {
        int shift = windowShift();
        if (snipEdges) {
            return (long) frame * shift;
        }
        long midpoint = (long) shift * frame + shift / 2;
        return midpoint - windowSize() / 2;
    }

    /** Checks the options, naming the bad one. */
    public void validate() {
        if (windowSize() < 2 || windowShift() < 1) {
            throw new IllegalArgumentException(
                    "frame length " + frameLengthMs + " ms / shift " + frameShiftMs + " ms at " + sampleFrequency
                            + " Hz gives a window of " + windowSize() + " samples and a shift of " + windowShift());
        }
        if (!Set.of("hamming", "hanning", "povey", "rectangular", "sine", "blackman")
                .contains(windowType)) {
            throw new IllegalArgumentException("--window-type: invalid window type '" + windowType + "'");
        }
        if (dither < 0) {
            throw new IllegalArgumentException("--dither must be >= 0, got " + dither);
        }
    }
}
