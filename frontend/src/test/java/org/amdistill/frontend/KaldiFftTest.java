package org.amdistill.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Kaldi's FFT ported to float: the discrete Fourier transform, in Kaldi's packed layout, for any even size. */
class KaldiFftTest {
    @ParameterizedTest(name = "N = {0}")
    @ValueSource(
            ints = {2, 4, 6, 8, 10, 12, 16, 22, 30, 32, 62, 64, 128, 194, 200, 240, 256, 320, 400, 512, 600, 1024, 1100
            })
    void isTheDftInKaldisLayout(int n) {
        Random r = new Random(n);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (1000 * r.nextGaussian());
        }
        float[] y = x.clone();
        KaldiFft fft = new KaldiFft(n);
        fft.compute(y, fft.newScratch());
        double norm = 0;
        for (float v : x) {
            norm += v * v;
        }
        double scale = Math.sqrt(norm * n);
        for (int k = 0; k <= n / 2; k++) {
            double re = 0;
            double im = 0;
            for (int t = 0; t < n; t++) {
                double a = -2 * Math.PI * ((long) k * t % n) / n;
                re += x[t] * Math.cos(a);
                im += x[t] * Math.sin(a);
            }
            double gotRe;
            double gotIm;
            if (k == 0) {
                gotRe = y[0];
                gotIm = 0;
            } else if (k == n / 2) {
                gotRe = y[1];
                gotIm = 0;
            } else {
                gotRe = y[2 * k];
                gotIm = y[2 * k + 1];
            }
            double err = Math.hypot(gotRe - re, gotIm - im) / scale;
            assertTrue(
                    err < 1e-5,
                    "N=" + n + " bin " + k + ": (" + gotRe + ", " + gotIm + ") vs (" + re + ", " + im + ")");
        }
    }

    @ParameterizedTest(name = "factorize {0}")
    @ValueSource(ints = {1, 2, 200, 97, 31 * 37, 1024})
    void factorsMultiplyBackInOrder(int m) {
        int[] f = KaldiFft.factorize(m);
        int p = 1;
        for (int i = 0; i < f.length; i++) {
            p *= f[i];
            assertTrue(i == 0 || f[i] >= f[i - 1]);
        }
        assertArrayEquals(new int[] {m}, new int[] {p});
    }

    /** The fused power spectrum is the transform's squares, bit for bit (both paths). */
    @ParameterizedTest(name = "power N = {0}")
    @ValueSource(ints = {2, 4, 8, 16, 32, 64, 256, 512, 1024, 200, 400, 6})
    void powerSpectrumIsTheSquaresOfTheTransform(int n) {
        KaldiFft fft = new KaldiFft(n);
        Random r = new Random(n + 1);
        for (int rep = 0; rep < 5; rep++) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) (100 * r.nextGaussian());
            }
            float[] y = x.clone();
            fft.compute(y, fft.newScratch());
            float[] want = new float[n / 2 + 1];
            want[0] = y[0] * y[0];
            want[n / 2] = y[1] * y[1];
            for (int i = 1; i < n / 2; i++) {
                want[i] = y[2 * i] * y[2 * i] + y[2 * i + 1] * y[2 * i + 1];
            }
            float[] got = new float[n / 2 + 1];
            fft.powerSpectrum(x.clone(), fft.newScratch(), got);
            assertArrayEquals(want, got);
        }
    }
}
