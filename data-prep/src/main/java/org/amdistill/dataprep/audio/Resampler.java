package org.amdistill.dataprep.audio;

/**
 * Band-limited resampling by windowed-sinc interpolation (Hann window), with the cut-off below the lower of the
 * two Nyquist frequencies so that downsampling does not alias; the same approach as Kaldi's LinearResample.
 */
public final class Resampler {
    private static final int ZEROS = 16; // half-width of the filter, in zero crossings

    private Resampler() {
    }

    public static float[] resample(float[] x, double fromRate, double toRate) {
        if (fromRate == toRate) {
            return x.clone();
        }
        double cutoff = 0.99 * 0.5 * Math.min(fromRate, toRate);
        int outLen = (int) Math.floor(x.length * toRate / fromRate);
        float[] y = new float[outLen];
        double width = ZEROS / (2.0 * cutoff); // seconds each side
        for (int i = 0; i < outLen; i++) {
            double t = i / toRate;
            int first = (int) Math.ceil((t - width) * fromRate);
            int last = (int) Math.floor((t + width) * fromRate);
            double sum = 0;
            for (int j = Math.max(0, first); j <= Math.min(x.length - 1, last); j++) {
                double dt = j / fromRate - t;
                double w = 0.5 * (1 + Math.cos(Math.PI * dt / width)); // Hann
                double arg = 2 * Math.PI * cutoff * dt;
                double sinc = arg == 0 ? 1 : Math.sin(arg) / arg;
                sum += x[j] * w * sinc * 2 * cutoff / fromRate;
            }
            y[i] = (float) sum;
        }
        return y;
    }
}
