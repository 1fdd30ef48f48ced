package org.amdistill.core.audio;

/**
 * Band-limited resampling as Kaldi's ResampleWaveform (LinearResample with flushing): a Hann-windowed sinc low-pass
 * with 6 zero crossings each side and its cut-off at 0.99 of the lower Nyquist frequency, so downsampling does not
 * alias. For integer rates the filter weights are computed once per output phase (the pattern repeats every
 * {@code gcd(in, out)}-th of a second), which keeps the inner loop to a plain dot product; other rates evaluate the
 * same filter directly. The output has {@code ceil(n * to / from)} samples, as Kaldi's.
 */
public final class Resampler {
    /** Kaldi's lowpass_filter_width in ResampleWaveform. */
    static final int NUM_ZEROS = 6;

    private static final int MAX_PHASES = 1 << 16;

    private Resampler() {}

    public static float[] resample(float[] x, double fromRate, double toRate) {
        if (!(fromRate > 0) || !(toRate > 0)) {
            throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
        }
        if (fromRate == toRate) {
            return x.clone();
        }
        double cutoff = 0.99 * 0.5 * Math.min(fromRate, toRate);
        // Rates like 16000 * 1.1 (speed perturbation) miss an integer by a rounding error: treat them as integers.
        if (Math.abs(fromRate - Math.rint(fromRate)) < 1e-6 && Math.abs(toRate - Math.rint(toRate)) < 1e-6) {
            fromRate = Math.rint(fromRate);
            toRate = Math.rint(toRate);
            if (fromRate == toRate) {
                return x.clone();
            }
            cutoff = 0.99 * 0.5 * Math.min(fromRate, toRate);
            long in = (long) fromRate;
            long out = (long) toRate;
            long g = gcd(in, out);
            if (out / g <= MAX_PHASES) {
                return byPhases(x, in, out, g, cutoff);
            }
        }
        return direct(x, fromRate, toRate, cutoff);
    }

    /** Kaldi's filter: windowed sinc, scaled so that the filter has unit gain in the pass band. */
    private static double filter(double t, double cutoff) {
        double width = NUM_ZEROS / (2.0 * cutoff);
        if (Math.abs(t) >= width) {
            return 0;
        }
        double window = 0.5 * (1 + Math.cos(2 * Math.PI * cutoff / NUM_ZEROS * t));
        double sinc = t != 0 ? Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t) : 2 * cutoff;
        return window * sinc;
    }

    /** Kaldi's LinearResample::GetNumOutputSamples with flush: output samples strictly before the input's end. */
    static int numOutputSamples(long inputSamples, long in, long out) {
        long g = gcd(in, out);
        long tickFreq = in / g * out;
        long interval = inputSamples * (tickFreq / in);
        if (interval <= 0) {
            return 0;
        }
        long ticksPerOutput = tickFreq / out;
        long last = interval / ticksPerOutput;
        if (last * ticksPerOutput == interval) {
            last--;
        }
        return Math.toIntExact(last + 1);
    }

    private static float[] byPhases(float[] x, long in, long out, long g, double cutoff) {
        int inUnit = (int) (in / g);
        int outUnit = (int) (out / g);
        double width = NUM_ZEROS / (2.0 * cutoff);
        int[] first = new int[outUnit];
        float[][] weights = new float[outUnit][];
        for (int i = 0; i < outUnit; i++) {
            double t = i / (double) out;
            int lo = (int) Math.ceil((t - width) * in);
            int hi = (int) Math.floor((t + width) * in);
            first[i] = lo;
            float[] w = new float[hi - lo + 1];
            for (int j = 0; j < w.length; j++) {
                w[j] = (float) (filter((lo + j) / (double) in - t, cutoff) / in);
            }
            weights[i] = w;
        }
        int n = x.length;
        float[] y = new float[numOutputSamples(n, in, out)];
        for (int s = 0; s < y.length; s++) {
            int phase = s % outUnit;
            long start = (long) (s / outUnit) * inUnit + first[phase];
            float[] w = weights[phase];
            double sum = 0;
            if (start >= 0 && start + w.length <= n) {
                int base = (int) start;
                for (int j = 0; j < w.length; j++) {
                    sum += w[j] * x[base + j];
                }
            } else { // near the edges the signal is taken as zero outside it
                for (int j = 0; j < w.length; j++) {
                    long k = start + j;
                    if (k >= 0 && k < n) {
                        sum += w[j] * x[(int) k];
                    }
                }
            }
            y[s] = (float) sum;
        }
        return y;
    }

    private static float[] direct(float[] x, double fromRate, double toRate, double cutoff) {
        double width = NUM_ZEROS / (2.0 * cutoff);
        int outLen = (int) Math.ceil(x.length * toRate / fromRate - 1e-9);
        float[] y = new float[Math.max(0, outLen)];
        for (int i = 0; i < y.length; i++) {
            double t = i / toRate;
            int lo = Math.max(0, (int) Math.ceil((t - width) * fromRate));
            int hi = Math.min(x.length - 1, (int) Math.floor((t + width) * fromRate));
            double sum = 0;
            for (int j = lo; j <= hi; j++) {
                sum += x[j] * filter(j / fromRate - t, cutoff) / fromRate;
            }
            y[i] = (float) sum;
        }
        return y;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
