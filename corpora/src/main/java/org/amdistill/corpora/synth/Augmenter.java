package org.amdistill.corpora.synth;

import java.util.Random;
import org.amdistill.core.audio.Resampler;

/**
 * The corpus's acoustic variety: speed perturbation (resampling, as Kaldi's sox speed), reverberation with a
 * synthetic room impulse response (decaying noise of a drawn RT60, convolved by FFT), and additive white, pink or
 * babble noise at a drawn SNR, as in Aurora-2.
 */
public final class Augmenter {
    private Augmenter() {}

    /** Speed perturbation: the signal played {@code speed} times faster (pitch and tempo together). */
    public static float[] speed(float[] x, double speed) {
        return speed == 1.0 ? x : Resampler.resample(x, 16000 * speed, 16000);
    }

    /** Convolves with an exponentially decaying noise impulse response of reverberation time {@code rt60} seconds. */
    public static float[] reverb(float[] x, double rt60, double sampleRate, Random rng) {
        int len = (int) Math.min(rt60 * sampleRate, sampleRate);
        double[] h = new double[len];
        double decay = 6.9 / (rt60 * sampleRate); // 60 dB (ln 1000) over rt60
        h[0] = 1.0;
        double energy = 1.0;
        int preDelay = (int) (0.002 * sampleRate);
        for (int i = preDelay; i < len; i++) {
            h[i] = rng.nextGaussian() * Math.exp(-decay * i) * 0.3;
            energy += h[i] * h[i];
        }
        double norm = 1.0 / Math.sqrt(energy);
        for (int i = 0; i < len; i++) {
            h[i] *= norm;
        }
        double[] y = convolve(x, h);
        float[] out = new float[x.length];
        double inPow = power(x);
        double outPow = 0;
        for (int i = 0; i < out.length; i++) {
            outPow += y[i] * y[i];
        }
        outPow /= Math.max(1, out.length);
        double g = outPow > 0 ? Math.sqrt(inPow / outPow) : 1.0; // keep the level
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (y[i] * g);
        }
        return out;
    }

    static double power(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return s / Math.max(1, x.length);
    }

    /** Adds {@code noise} (looped if shorter) scaled to {@code snrDb} below the signal's power. */
    public static float[] addNoise(float[] x, float[] noise, double snrDb) {
        double ps = power(x);
        double pn = power(noise);
        float[] out = x.clone();
        if (pn <= 0 || ps <= 0) {
            return out;
        }
        double g = Math.sqrt(ps / (pn * Math.pow(10, snrDb / 10)));
        for (int i = 0; i < out.length; i++) {
            out[i] += (float) (g * noise[i % noise.length]);
        }
        return out;
    }

    public static float[] whiteNoise(int n, Random rng) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) rng.nextGaussian();
        }
        return w;
    }

    /** Pink (1/f) noise by Paul Kellet's filter of white noise. */
    public static float[] pinkNoise(int n, Random rng) {
        float[] p = new float[n];
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        double b3 = 0;
        double b4 = 0;
        double b5 = 0;
        double b6 = 0;
        for (int i = 0; i < n; i++) {
            double w = rng.nextGaussian();
            b0 = 0.99886 * b0 + w * 0.0555179;
            b1 = 0.99332 * b1 + w * 0.0750759;
            b2 = 0.96900 * b2 + w * 0.1538520;
            b3 = 0.86650 * b3 + w * 0.3104856;
            b4 = 0.55000 * b4 + w * 0.5329522;
            b5 = -0.7616 * b5 - w * 0.0168980;
            p[i] = (float) (b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362);
            b6 = w * 0.115926;
        }
        return p;
    }

    /** Babble: several other utterances, each at a random offset, looped to length {@code n}, summed. */
    public static float[] babble(int n, float[][] talkers, Random rng) {
        float[] b = new float[n];
        for (float[] t : talkers) {
            if (t.length == 0) {
                continue;
            }
            int off = rng.nextInt(t.length);
            double g = 1.0 / Math.sqrt(Math.max(1e-9, power(t)));
            for (int i = 0; i < n; i++) {
                b[i] += (float) (g * t[(off + i) % t.length]);
            }
        }
        return b;
    }

    private static double[] convolve(float[] x, double[] h) {
        int n = 1;
        while (n < x.length + h.length) {
            n <<= 1;
        }
        double[] xr = new double[n];
        double[] xi = new double[n];
        double[] hr = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < x.length; i++) {
            xr[i] = x[i];
        }
        System.arraycopy(h, 0, hr, 0, h.length);
        fft(xr, xi, false);
        fft(hr, hi, false);
        for (int i = 0; i < n; i++) {
            double r = xr[i] * hr[i] - xi[i] * hi[i];
            double im = xr[i] * hi[i] + xi[i] * hr[i];
            xr[i] = r;
            xi[i] = im;
        }
        fft(xr, xi, true);
        return xr;
    }

    /** In-place radix-2 complex FFT (inverse scaled by 1/n). */
    static void fft(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = 2 * Math.PI / len * (inverse ? 1 : -1);
            double wr = Math.cos(ang);
            double wi = Math.sin(ang);
            for (int i = 0; i < n; i += len) {
                double cr = 1;
                double ci = 0;
                for (int j = 0; j < len / 2; j++) {
                    int a = i + j;
                    int b = a + len / 2;
                    double tr = re[b] * cr - im[b] * ci;
                    double ti = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                    double ncr = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = ncr;
                }
            }
        }
        if (inverse) {
            for (int i = 0; i < n; i++) {
                re[i] /= n;
                im[i] /= n;
            }
        }
    }
}
