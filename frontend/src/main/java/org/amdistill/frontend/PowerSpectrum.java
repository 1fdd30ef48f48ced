package org.amdistill.frontend;

/**
 * The power spectrum |X[k]|^2, k = 0..N/2, of a real frame of N samples. For N a power of two: one complex FFT of
 * size N/2 over the even/odd samples packed as complex numbers, then the split into the real transform
 * (precomputed bit reversal and twiddles, no allocation per frame). Other sizes (--round-to-power-of-two=false)
 * use a direct DFT. Arithmetic is in double: log filterbank values of quiet bands depend on it.
 */
final class PowerSpectrum {
    private final int n;
    private final int half;
    private final boolean radix2;
    private final int[] bitReverse;
    private final double[] cos;
    private final double[] sin;
    private final double[] splitCos;
    private final double[] splitSin;
    private final double[] re;
    private final double[] im;

    PowerSpectrum(int n) {
        if (n < 2 || n % 2 != 0) {
            throw new IllegalArgumentException("FFT size must be even, got " + n);
        }
        this.n = n;
        this.half = n / 2;
        this.radix2 = Integer.bitCount(n) == 1;
        re = new double[half];
        im = new double[half];
        if (radix2) {
            int bits = Integer.numberOfTrailingZeros(half);
            bitReverse = new int[half];
            for (int i = 0; i < half; i++) {
                bitReverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
            }
            cos = new double[Math.max(1, half / 2)];
            sin = new double[Math.max(1, half / 2)];
            for (int i = 0; i < half / 2; i++) {
                cos[i] = Math.cos(-2 * Math.PI * i / half);
                sin[i] = Math.sin(-2 * Math.PI * i / half);
            }
        } else {
            bitReverse = null;
            cos = new double[n];
            sin = new double[n];
            for (int i = 0; i < n; i++) {
                cos[i] = Math.cos(-2 * Math.PI * i / n);
                sin[i] = Math.sin(-2 * Math.PI * i / n);
            }
        }
        splitCos = new double[half + 1];
        splitSin = new double[half + 1];
        for (int k = 0; k <= half; k++) {
            splitCos[k] = Math.cos(-2 * Math.PI * k / n);
            splitSin[k] = Math.sin(-2 * Math.PI * k / n);
        }
    }

    /** Writes |X[k]|^2 for k = 0..N/2 into {@code power} (length >= N/2 + 1) from {@code frame[0..N)}. */
    void compute(float[] frame, double[] power) {
        if (!radix2) {
            dft(frame, power);
            return;
        }
        for (int k = 0; k < half; k++) {
            int j = bitReverse[k];
            re[j] = frame[2 * k];
            im[j] = frame[2 * k + 1];
        }
        for (int size = 2; size <= half; size <<= 1) {
            int step = half / size;
            int h = size >> 1;
            for (int start = 0; start < half; start += size) {
                for (int j = 0; j < h; j++) {
                    double wr = cos[j * step];
                    double wi = sin[j * step];
                    int a = start + j;
                    int b = a + h;
                    double tr = re[b] * wr - im[b] * wi;
                    double ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
        // X[k] = E[k] + W^k O[k], with E = (Z[k] + conj Z[half-k]) / 2, O = (Z[k] - conj Z[half-k]) / 2i.
        for (int k = 0; k <= half; k++) {
            int a = k == half ? 0 : k;
            int b = k == 0 ? 0 : half - k;
            double zr = re[a];
            double zi = im[a];
            double cr = re[b];
            double ci = -im[b];
            double er = 0.5 * (zr + cr);
            double ei = 0.5 * (zi + ci);
            double or = 0.5 * (zi - ci);
            double oi = -0.5 * (zr - cr);
            double wr = splitCos[k];
            double wi = splitSin[k];
            double xr = er + wr * or - wi * oi;
            double xi = ei + wr * oi + wi * or;
            power[k] = xr * xr + xi * xi;
        }
    }

    private void dft(float[] frame, double[] power) {
        for (int k = 0; k <= half; k++) {
            double sr = 0;
            double si = 0;
            for (int t = 0; t < n; t++) {
                int idx = (int) ((long) k * t % n);
                sr += frame[t] * cos[idx];
                si += frame[t] * sin[idx];
            }
            power[k] = sr * sr + si * si;
        }
    }
}
