package org.amdistill.frontend;

import java.util.Arrays;

/**
 * Triangular filters equally spaced on the mel scale, over the FFT bins 0..N/2-1, as Kaldi's MelBanks computes them
 * (in float, to match its numbers). Each filter keeps only its nonzero range.
 */
final class MelBanks {
    private final int[] offsets;
    private final float[][] weights;

    MelBanks(MelBanksOptions opts, FrameExtractionOptions frame) {
        int numBins = opts.numBins;
        if (numBins < 3) {
            throw new IllegalArgumentException("--num-mel-bins must be at least 3, got " + numBins);
        }
        float sampleFreq = frame.sampleFrequency;
        int paddedLength = frame.paddedWindowSize();
        int numFftBins = paddedLength / 2;
        float nyquist = 0.5f * sampleFreq;
        float low = opts.lowFreq;
        float high = opts.highFreq > 0 ? opts.highFreq : nyquist + opts.highFreq;
        if (low < 0 || low >= nyquist || high <= 0 || high > nyquist || high <= low) {
            throw new IllegalArgumentException("bad values in options: --low-freq=" + opts.lowFreq + " and --high-freq="
                    + opts.highFreq + " vs. Nyquist " + nyquist);
        }
        float fftBinWidth = sampleFreq / paddedLength;
        float melLow = mel(low);
        float melHigh = mel(high);
        float delta = (melHigh - melLow) / (numBins + 1);
        offsets = new int[numBins];
        weights = new float[numBins][];
        for (int bin = 0; bin < numBins; bin++) {
            float left = melLow + bin * delta;
            float center = melLow + (bin + 1.0f) * delta;
            float right = melLow + (bin + 2.0f) * delta;
            float[] w = new float[numFftBins];
            int first = -1;
            int last = -1;
            for (int i = 0; i < numFftBins; i++) {
                float m = mel(fftBinWidth * i);
                if (m > left && m < right) {
                    w[i] = m <= center ? (m - left) / (center - left) : (right - m) / (right - center);
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                }
            }
            if (first < 0) {
                throw new IllegalArgumentException("mel bin " + bin + " is empty: too many --num-mel-bins (" + numBins
                        + ") for a " + paddedLength + "-point FFT");
            }
            offsets[bin] = first;
            weights[bin] = Arrays.copyOfRange(w, first, last + 1);
        }
    }

    /**
     * Kaldi's MelScale, but with {@code Math.log} where Kaldi calls the C library's {@code logf}: a few weights differ
     * in the last bit.
     */
    static float mel(float freq) {
        return 1127.0f * (float) Math.log(1.0f + freq / 700.0f);
    }

    int numBins() {
        return offsets.length;
    }

    /** Filterbank energies of a power spectrum into {@code out[outOffset..]}. */
    void apply(float[] power, float[] out, int outOffset) {
        for (int b = 0; b < offsets.length; b++) {
            float[] w = weights[b];
            int o = offsets[b];
            // Kaldi's VecVec multiplies in float; the sums here are in double (more exact), two of them to break
            // the add chain
            double s0 = 0;
            double s1 = 0;
            int n2 = w.length & ~1;
            for (int i = 0; i < n2; i += 2) {
                s0 += w[i] * power[o + i];
                s1 += w[i + 1] * power[o + i + 1];
            }
            if (n2 < w.length) {
                s0 += w[n2] * power[o + n2];
            }
            out[outOffset + b] = (float) (s0 + s1);
        }
    }
}
