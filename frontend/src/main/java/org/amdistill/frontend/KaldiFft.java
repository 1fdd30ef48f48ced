package org.amdistill.frontend;

import java.util.Arrays;

/**
 * Kaldi's forward real FFT (matrix/srfft.cc, matrix/matrix-functions.cc), in float and in Kaldi's order of
 * operations, so that its rounding is Kaldi's: log filterbank values of quiet bands (a Hanning window's high
 * frequencies) depend on it. For N a power of two, Kaldi's SplitRadixRealFft: Malvar's split-radix complex FFT of
 * N/2 points with its tables, then the split into the real transform; otherwise Kaldi's RealFft: the mixed-radix
 * ComplexFftRecursive over the prime factors of N/2, then the same split. The output is Kaldi's packed layout
 * {@code [re0, re(N/2), re1, im1, re2, im2, ...]}. The tables are immutable, so one instance serves any number of
 * threads, each passing its own scratch array.
 *
 * <p>Checked against Kaldi's build (docs/EXPERIMENTS.md, issue 22): the mixed-radix path gives Kaldi's bits; the
 * split radix gives them too with the same tables, but Kaldi takes its table entries from the C library's float
 * {@code cosf}/{@code sinf} and we round {@code Math.cos}/{@code Math.sin} to float, which differ in the last bit for a
 * few angles (13 of the 456 entries of N = 512 with glibc 2.36).
 *
 * <p>The kernels (the constructor's tables, {@code node8}, {@code splitRadixStep}, {@code mixedRadix},
 * {@code powerSpectrum}) are longer than the project's 60 lines on purpose: each follows one function of Kaldi's
 * srfft.cc or matrix-functions.cc statement for statement, so that it can be checked against it line by line and keeps
 * Kaldi's order of float operations; cut into parts, neither would hold.
 */
final class KaldiFft {
    private static final double M_2PI = 2 * Math.PI; // Kaldi's M_2PI, the same double
    private static final float SQHALF = (float) Math.sqrt(0.5); // Kaldi's M_SQRT1_2 as a float

    private final int n;
    private final int nc; // complex points, n / 2
    private final float rootNRe;
    private final float rootNIm;
    private final float[] kN; // the real split's twiddles as Kaldi advances them (float ComplexMul), re/im pairs
    // split radix (nc a power of two)
    private final int logn;
    private final int[] bitReverse;
    private final float[][][] tab; // per level logn >= 4: cn, spcn, smcn, c3n, spc3n, smc3n
    private final int[] schedule; // Kaldi's recursion flattened: (offset, logn) pairs, every parent before its children
    // mixed radix
    private final int[] factors;

    KaldiFft(int n) {
        if (n < 2 || n % 2 != 0) {
            throw new IllegalArgumentException("FFT size must be even, got " + n);
        }
        this.n = n;
        this.nc = n / 2;
        float a = (float) (M_2PI / n * -1);
        rootNRe = (float) Math.cos(a);
        rootNIm = (float) Math.sin(a);
        kN = new float[2 * (nc / 2 + 1)];
        float kRe = 1;
        float kIm = 0;
        for (int k = 1; 2 * k <= nc; k++) {
            float t = kRe * rootNRe - kIm * rootNIm;
            kIm = kRe * rootNIm + kIm * rootNRe;
            kRe = t;
            kN[2 * k] = kRe;
            kN[2 * k + 1] = kIm;
        }
        if (Integer.bitCount(nc) == 1) {
            logn = Integer.numberOfTrailingZeros(nc);
            bitReverse = new int[nc];
            for (int i = 0; i < nc; i++) {
                bitReverse[i] = logn == 0 ? 0 : Integer.reverse(i) >>> (32 - logn);
            }
            tab = logn < 4 ? null : new float[logn - 3][][];
            for (int i = logn; i >= 4; i--) {
                int m = 1 << i;
                int m4 = m / 4;
                int m8 = m / 8;
                int nel = m4 - 2;
                float[][] t = new float[6][nel];
                int k = 0;
                for (int j = 1; j < m4; j++) {
                    if (j == m8) {
                        continue;
                    }
                    float ang = (float) (j * M_2PI / m);
                    float c = (float) Math.cos(ang);
                    float s = (float) Math.sin(ang);
                    t[0][k] = c;
                    t[1][k] = -(s + c);
                    t[2][k] = s - c;
                    ang = (float) (3 * j * M_2PI / m);
                    c = (float) Math.cos(ang);
                    s = (float) Math.sin(ang);
                    t[3][k] = c;
                    t[4][k] = -(s + c);
                    t[5][k] = s - c;
                    k++;
                }
                tab[i - 4] = t;
            }
            int[] sch = new int[2 * Math.max(1, nc)];
            int[] count = {0};
            flatten(0, logn, sch, count);
            schedule = Arrays.copyOf(sch, count[0]);
            factors = null;
        } else {
            logn = -1;
            bitReverse = null;
            tab = null;
            schedule = null;
            factors = factorize(nc);
        }
    }

    /** Pre-order walk of ComputeRecursive's calls; the order of independent sub-transforms does not change a value. */
    private static void flatten(int off, int logn, int[] sch, int[] count) {
        if (logn <= 0) {
            return;
        }
        sch[count[0]++] = off;
        sch[count[0]++] = logn;
        if (logn >= 4) { // a node of 8 points does its children itself (node8)
            int m = 1 << logn;
            flatten(off, logn - 1, sch, count);
            flatten(off + m / 2, logn - 2, sch, count);
            flatten(off + 3 * (m / 4), logn - 2, sch, count);
        }
    }

    int size() {
        return n;
    }

    /** Kaldi's Factorize: prime factors in increasing order, with repeats. */
    static int[] factorize(int m) {
        int[] f = new int[32];
        int k = 0;
        for (int p = 2; m > 1; p = p == 2 ? 3 : p + 2) {
            while (m % p == 0) {
                m /= p;
                f[k++] = p;
            }
        }
        return Arrays.copyOf(f, k);
    }

    /** Work arrays for {@link #compute}: one per thread or stream. */
    float[][] newScratch() {
        return new float[][] {new float[n], new float[n]};
    }

    /** Forward real FFT of {@code data[0..N)} in place, with work arrays from {@link #newScratch}. */
    void compute(float[] data, float[][] scratch) {
        if (factors == null) {
            // SplitRadixComplexFft::Compute: the real parts and the imaginary parts in arrays of their own
            float[] re = scratch[0];
            float[] im = scratch[1];
            for (int i = 0; i < nc; i++) {
                re[i] = data[2 * i];
                im[i] = data[2 * i + 1];
            }
            for (int k = 0; k < schedule.length; k += 2) {
                int off = schedule[k];
                int lg = schedule[k + 1];
                if (lg == 3) {
                    node8(re, im, off);
                } else if (lg == 2) {
                    node4(re, im, off);
                } else {
                    splitRadixStep(re, im, off, off, lg);
                }
            }
            for (int i = 0; i < nc; i++) {
                int j = bitReverse[i];
                data[2 * i] = re[j];
                data[2 * i + 1] = im[j];
            }
        } else {
            mixedRadix(data, 0, 1, nc, 0, scratch[0]);
        }
        realSplit(data);
    }

    /**
     * Kaldi's power spectrum of a frame (ComputePowerSpectrum after the forward real FFT, in float):
     * {@code power[k] = |X_k|^2} for k = 0..N/2. The same numbers as {@link #compute} then squaring; for powers of
     * two the real split and the squares are taken straight from the complex transform's bit-reversed output.
     * {@code frame} is overwritten.
     */
    void powerSpectrum(float[] frame, float[][] scratch, float[] power) {
        if (factors != null) {
            compute(frame, scratch);
            power[0] = frame[0] * frame[0];
            power[nc] = frame[1] * frame[1];
            for (int i = 1; i < nc; i++) {
                float re = frame[2 * i];
                float im = frame[2 * i + 1];
                power[i] = re * re + im * im;
            }
            return;
        }
        float[] re = scratch[0];
        float[] im = scratch[1];
        for (int i = 0; i < nc; i++) {
            re[i] = frame[2 * i];
            im[i] = frame[2 * i + 1];
        }
        for (int k = 0; k < schedule.length; k += 2) {
            int off = schedule[k];
            int lg = schedule[k + 1];
            if (lg == 3) {
                node8(re, im, off);
            } else if (lg == 2) {
                node4(re, im, off);
            } else {
                splitRadixStep(re, im, off, off, lg);
            }
        }
        int[] rev = bitReverse;
        float[] w = kN;
        for (int k = 1; 2 * k <= nc; k++) {
            int kd = nc - k;
            float bkRe = re[rev[k]];
            float bkIm = im[rev[k]];
            float bdRe = re[rev[kd]];
            float bdIm = im[rev[kd]];
            float kRe = w[2 * k];
            float kIm = w[2 * k + 1];
            float ckRe = 0.5f * (bkRe + bdRe);
            float ckIm = 0.5f * (bkIm - bdIm);
            float dkRe = 0.5f * (bkIm + bdIm);
            float dkIm = -0.5f * (bkRe - bdRe);
            float aRe = ckRe + (kRe * dkRe - kIm * dkIm);
            float aIm = ckIm + (kRe * dkIm + kIm * dkRe);
            power[k] = aRe * aRe + aIm * aIm;
            if (kd != k) {
                float bRe = -kRe;
                float nIm = -dkIm;
                float adRe = ckRe + (bRe * dkRe - kIm * nIm);
                float adIm = -ckIm + (bRe * nIm + kIm * dkRe);
                power[kd] = adRe * adRe + adIm * adIm;
            }
        }
        float b0Re = re[0];
        float b0Im = im[0];
        float zeroth = b0Re + b0Im;
        float n2th = b0Re - b0Im;
        power[0] = zeroth * zeroth;
        power[nc] = n2th * n2th;
    }

    /** The part of SplitRadixRealFft::Compute / RealFft after the complex FFT (forward). */
    private void realSplit(float[] data) {
        int nn = n;
        int n2 = nc;
        float[] w = kN;
        for (int k = 1; 2 * k <= n2; k++) {
            float kRe = w[2 * k];
            float kIm = w[2 * k + 1];
            float ckRe = 0.5f * (data[2 * k] + data[nn - 2 * k]);
            float ckIm = 0.5f * (data[2 * k + 1] - data[nn - 2 * k + 1]);
            float dkRe = 0.5f * (data[2 * k + 1] + data[nn - 2 * k + 1]);
            float dkIm = -0.5f * (data[2 * k] - data[nn - 2 * k]);
            data[2 * k] = ckRe;
            data[2 * k + 1] = ckIm;
            data[2 * k] += kRe * dkRe - kIm * dkIm;
            data[2 * k + 1] += kRe * dkIm + kIm * dkRe;
            int kd = n2 - k;
            if (kd != k) {
                data[2 * kd] = ckRe;
                data[2 * kd + 1] = -ckIm;
                float bRe = -kRe;
                float aIm = -dkIm;
                data[2 * kd] += bRe * dkRe - kIm * aIm;
                data[2 * kd + 1] += bRe * aIm + kIm * dkRe;
            }
        }
        float zeroth = data[0] + data[1];
        float n2th = data[0] - data[1];
        data[0] = zeroth;
        data[1] = n2th;
    }

    /** ComputeRecursive on 4 points, on locals. */
    private static void node4(float[] xr, float[] xi, int r) {
        float a0 = xr[r];
        float a1 = xr[r + 1];
        float a2 = xr[r + 2];
        float a3 = xr[r + 3];
        float b0 = xi[r];
        float b1 = xi[r + 1];
        float b2 = xi[r + 2];
        float b3 = xi[r + 3];
        float t1;
        float t2;
        t1 = a0 + a2;
        a2 = a0 - a2;
        a0 = t1;
        t1 = b0 + b2;
        b2 = b0 - b2;
        b0 = t1;
        t1 = a1 + a3;
        a3 = a1 - a3;
        a1 = t1;
        t1 = b1 + b3;
        b3 = b1 - b3;
        b1 = t1;
        t1 = a0 + a1;
        a1 = a0 - a1;
        a0 = t1;
        t1 = b0 + b1;
        b1 = b0 - b1;
        b0 = t1;
        t1 = a2 + b3;
        t2 = b2 + a3;
        b2 = b2 - a3;
        a3 = a2 - b3;
        a2 = t1;
        b3 = t2;
        xr[r] = a0;
        xr[r + 1] = a1;
        xr[r + 2] = a2;
        xr[r + 3] = a3;
        xi[r] = b0;
        xi[r + 1] = b1;
        xi[r + 2] = b2;
        xi[r + 3] = b3;
    }

    /**
     * ComputeRecursive on 8 points with its three recursive calls (4, 2 and 2 points), the same operations in the
     * same order, on locals.
     */
    private static void node8(float[] xr, float[] xi, int r) {
        float a0 = xr[r];
        float a1 = xr[r + 1];
        float a2 = xr[r + 2];
        float a3 = xr[r + 3];
        float a4 = xr[r + 4];
        float a5 = xr[r + 5];
        float a6 = xr[r + 6];
        float a7 = xr[r + 7];
        float b0 = xi[r];
        float b1 = xi[r + 1];
        float b2 = xi[r + 2];
        float b3 = xi[r + 3];
        float b4 = xi[r + 4];
        float b5 = xi[r + 5];
        float b6 = xi[r + 6];
        float b7 = xi[r + 7];
        float t1;
        float t2;
        // step 1
        t1 = a0 + a4;
        a4 = a0 - a4;
        a0 = t1;
        t1 = a1 + a5;
        a5 = a1 - a5;
        a1 = t1;
        t1 = a2 + a6;
        a6 = a2 - a6;
        a2 = t1;
        t1 = a3 + a7;
        a7 = a3 - a7;
        a3 = t1;
        t1 = b0 + b4;
        b4 = b0 - b4;
        b0 = t1;
        t1 = b1 + b5;
        b5 = b1 - b5;
        b1 = t1;
        t1 = b2 + b6;
        b6 = b2 - b6;
        b2 = t1;
        t1 = b3 + b7;
        b7 = b3 - b7;
        b3 = t1;
        // step 2 (r1 = 4, 5; r2 = 6, 7)
        t1 = a4 + b6;
        t2 = b4 + a6;
        b4 = b4 - a6;
        a6 = a4 - b6;
        a4 = t1;
        b6 = t2;
        t1 = a5 + b7;
        t2 = b5 + a7;
        b5 = b5 - a7;
        a7 = a5 - b7;
        a5 = t1;
        b7 = t2;
        // steps 3 and 4: only n = m8 = 1
        t1 = SQHALF * (a5 + b5);
        b5 = SQHALF * (b5 - a5);
        a5 = t1;
        t2 = SQHALF * (b7 - a7);
        b7 = -SQHALF * (a7 + b7);
        a7 = t2;
        // 4 points at 0..3
        t1 = a0 + a2;
        a2 = a0 - a2;
        a0 = t1;
        t1 = b0 + b2;
        b2 = b0 - b2;
        b0 = t1;
        t1 = a1 + a3;
        a3 = a1 - a3;
        a1 = t1;
        t1 = b1 + b3;
        b3 = b1 - b3;
        b1 = t1;
        t1 = a0 + a1;
        a1 = a0 - a1;
        a0 = t1;
        t1 = b0 + b1;
        b1 = b0 - b1;
        b0 = t1;
        t1 = a2 + b3;
        t2 = b2 + a3;
        b2 = b2 - a3;
        a3 = a2 - b3;
        a2 = t1;
        b3 = t2;
        // 2 points at 4..5 and at 6..7
        t1 = a4 + a5;
        a5 = a4 - a5;
        a4 = t1;
        t1 = b4 + b5;
        b5 = b4 - b5;
        b4 = t1;
        t1 = a6 + a7;
        a7 = a6 - a7;
        a6 = t1;
        t1 = b6 + b7;
        b7 = b6 - b7;
        b6 = t1;
        xr[r] = a0;
        xr[r + 1] = a1;
        xr[r + 2] = a2;
        xr[r + 3] = a3;
        xr[r + 4] = a4;
        xr[r + 5] = a5;
        xr[r + 6] = a6;
        xr[r + 7] = a7;
        xi[r] = b0;
        xi[r + 1] = b1;
        xi[r + 2] = b2;
        xi[r + 3] = b3;
        xi[r + 4] = b4;
        xi[r + 5] = b5;
        xi[r + 6] = b6;
        xi[r + 7] = b7;
    }

    /**
     * One call of SplitRadixComplexFft::ComputeRecursive on the {@code 2^logn} points at {@code xr[r..]} (real)
     * and {@code xi[i..]} (imaginary), without its three recursive calls (the schedule makes them).
     */
    private void splitRadixStep(float[] xr, float[] xi, int r, int i, int logn) {
        float tmp1;
        float tmp2;
        if (logn < 3) {
            if (logn == 2) {
                tmp1 = xr[r] + xr[r + 2];
                xr[r + 2] = xr[r] - xr[r + 2];
                xr[r] = tmp1;
                tmp1 = xi[i] + xi[i + 2];
                xi[i + 2] = xi[i] - xi[i + 2];
                xi[i] = tmp1;
                tmp1 = xr[r + 1] + xr[r + 3];
                xr[r + 3] = xr[r + 1] - xr[r + 3];
                xr[r + 1] = tmp1;
                tmp1 = xi[i + 1] + xi[i + 3];
                xi[i + 3] = xi[i + 1] - xi[i + 3];
                xi[i + 1] = tmp1;
                tmp1 = xr[r] + xr[r + 1];
                xr[r + 1] = xr[r] - xr[r + 1];
                xr[r] = tmp1;
                tmp1 = xi[i] + xi[i + 1];
                xi[i + 1] = xi[i] - xi[i + 1];
                xi[i] = tmp1;
                tmp1 = xr[r + 2] + xi[i + 3];
                tmp2 = xi[i + 2] + xr[r + 3];
                xi[i + 2] = xi[i + 2] - xr[r + 3];
                xr[r + 3] = xr[r + 2] - xi[i + 3];
                xr[r + 2] = tmp1;
                xi[i + 3] = tmp2;
            } else if (logn == 1) {
                tmp1 = xr[r] + xr[r + 1];
                xr[r + 1] = xr[r] - xr[r + 1];
                xr[r] = tmp1;
                tmp1 = xi[i] + xi[i + 1];
                xi[i + 1] = xi[i] - xi[i + 1];
                xi[i] = tmp1;
            }
            return;
        }
        int m = 1 << logn;
        int m2 = m / 2;
        int m4 = m2 / 2;
        int m8 = m4 / 2;
        // step 1
        for (int k = 0; k < m2; k++) {
            int a = r + k;
            int b = a + m2;
            tmp1 = xr[a] + xr[b];
            xr[b] = xr[a] - xr[b];
            xr[a] = tmp1;
            a = i + k;
            b = a + m2;
            tmp2 = xi[a] + xi[b];
            xi[b] = xi[a] - xi[b];
            xi[a] = tmp2;
        }
        // step 2
        for (int k = 0; k < m4; k++) {
            int r1 = r + m2 + k;
            int r2 = r1 + m4;
            int i1 = i + m2 + k;
            int i2 = i1 + m4;
            tmp1 = xr[r1] + xi[i2];
            tmp2 = xi[i1] + xr[r2];
            xi[i1] = xi[i1] - xr[r2];
            xr[r2] = xr[r1] - xi[i2];
            xr[r1] = tmp1;
            xi[i2] = tmp2;
        }
        // steps 3 and 4: n = m8 alone (the sqrt(1/2) case), the others with the tables (logn >= 4 here)
        {
            int r1 = r + m2 + m8;
            int r2 = r1 + m4;
            int i1 = i + m2 + m8;
            int i2 = i1 + m4;
            tmp1 = SQHALF * (xr[r1] + xi[i1]);
            xi[i1] = SQHALF * (xi[i1] - xr[r1]);
            xr[r1] = tmp1;
            tmp2 = SQHALF * (xi[i2] - xr[r2]);
            xi[i2] = -SQHALF * (xr[r2] + xi[i2]);
            xr[r2] = tmp2;
        }
        float[][] t = tab[logn - 4];
        float[] cn = t[0];
        float[] spcn = t[1];
        float[] smcn = t[2];
        float[] c3n = t[3];
        float[] spc3n = t[4];
        float[] smc3n = t[5];
        for (int k = 1; k < m4; k++) {
            if (k == m8) {
                continue;
            }
            int ti = k < m8 ? k - 1 : k - 2;
            int r1 = r + m2 + k;
            int r2 = r1 + m4;
            int i1 = i + m2 + k;
            int i2 = i1 + m4;
            float xr1 = xr[r1];
            float xi1 = xi[i1];
            float xr2 = xr[r2];
            float xi2 = xi[i2];
            tmp2 = cn[ti] * (xr1 + xi1);
            xi[i1] = spcn[ti] * xr1 + tmp2;
            xr[r1] = smcn[ti] * xi1 + tmp2;
            tmp2 = c3n[ti] * (xr2 + xi2);
            xi[i2] = spc3n[ti] * xr2 + tmp2;
            xr[r2] = smc3n[ti] * xi2 + tmp2;
        }
    }

    /**
     * ComplexFftRecursive: {@code nffts} consecutive interleaved complex FFTs of {@code count} points from
     * {@code data[off..]}, over the factors from {@code f} on (Kaldi's cache blocking left out: it does not change
     * the arithmetic).
     */
    private void mixedRadix(float[] data, int off, int nffts, int count, int f, float[] tmp) {
        if (f == factors.length) {
            return;
        }
        int p = factors[f];
        int q = count / p;
        if (q > 1) {
            for (int b = 0, blk = off; b < nffts; b++, blk += 2 * count) {
                for (int o = 0; o < 2; o++) {
                    for (int pp = 0; pp < p; pp++) {
                        for (int qq = 0; qq < q; qq++) {
                            tmp[pp * q + qq] = data[blk + 2 * (qq * p + pp) + o];
                        }
                    }
                    for (int k = 0; k < count; k++) {
                        data[blk + 2 * k + o] = tmp[k];
                    }
                }
            }
        }
        mixedRadix(data, off, nffts * p, q, f + 1, tmp);
        float a = (float) (-1 * M_2PI / count);
        float rootRe = (float) Math.cos(a);
        float rootIm = (float) Math.sin(a);
        a = (float) (-1 * M_2PI / p);
        float rootPRe = (float) Math.cos(a);
        float rootPIm = (float) Math.sin(a);
        for (int b = 0, blk = off; b < nffts; b++, blk += 2 * count) {
            float qdRe = 1;
            float qdIm = 0;
            for (int qd = 0; qd < q; qd++) {
                float wRe = qdRe;
                float wIm = qdIm;
                for (int pd = 0; pd < p; pd++) {
                    float sRe = data[blk + 2 * qd];
                    float sIm = data[blk + 2 * qd + 1];
                    float xRe = data[blk + 2 * (qd + q)];
                    float xIm = data[blk + 2 * (qd + q) + 1];
                    sRe += xRe * wRe - xIm * wIm;
                    sIm += xRe * wIm + xIm * wRe;
                    if (p > 2) {
                        float pRe = wRe;
                        float pIm = wIm;
                        for (int pp = 2; pp < p; pp++) {
                            float t = pRe * wRe - pIm * wIm;
                            pIm = pRe * wIm + pIm * wRe;
                            pRe = t;
                            int idx = blk + 2 * (pp * q + qd);
                            sRe += data[idx] * pRe - data[idx + 1] * pIm;
                            sIm += data[idx] * pIm + data[idx + 1] * pRe;
                        }
                    }
                    tmp[2 * pd] = sRe;
                    tmp[2 * pd + 1] = sIm;
                    if (pd != p - 1) {
                        float t = wRe * rootPRe - wIm * rootPIm;
                        wIm = wRe * rootPIm + wIm * rootPRe;
                        wRe = t;
                    }
                }
                for (int pd = 0; pd < p; pd++) {
                    data[blk + 2 * (pd * q + qd)] = tmp[2 * pd];
                    data[blk + 2 * (pd * q + qd) + 1] = tmp[2 * pd + 1];
                }
                float t = qdRe * rootRe - qdIm * rootIm;
                qdIm = qdRe * rootIm + qdIm * rootRe;
                qdRe = t;
            }
        }
    }
}
