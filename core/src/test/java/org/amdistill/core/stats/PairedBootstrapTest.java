package org.amdistill.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.amdistill.core.cli.AmdException;
import org.junit.jupiter.api.Test;

class PairedBootstrapTest {
    @Test
    void sameSeedSameDrawsOtherSeedOtherDraws() {
        long[][][] counts = {{{1, 0, 2, 5, 0}, {3, 4, 5, 6, 7}}};
        PairedBootstrap.Statistic rate = s -> s[0][0] / s[0][1];
        double[] a = PairedBootstrap.draws(counts, rate, 200, 7);
        assertArrayEquals(a, PairedBootstrap.draws(counts, rate, 200, 7));
        double[] b = PairedBootstrap.draws(counts, rate, 200, 8);
        assertTrue(!java.util.Arrays.equals(a, b));
    }

    @Test
    void identicalSystemsGiveAZeroInterval() {
        long[] e = {1, 0, 3, 2, 0, 1};
        long[] w = {5, 4, 6, 5, 3, 4};
        PairedBootstrap.Difference d = PairedBootstrap.rateDifference(e, e, w, 500, 1);
        assertEquals(0, d.value());
        assertEquals(0, d.lower());
        assertEquals(0, d.upper());
        assertEquals(0, d.shareBelow());
        assertEquals(0, d.shareAbove());
    }

    /** The interval covers the truth: two systems whose error rates differ by 2 points, 4000 utterances of 10 words. */
    @Test
    void intervalCoversTheTrueDifferenceAndShrinksWithTheTestSet() {
        Random r = new Random(3);
        int n = 4000;
        long[] a = new long[n];
        long[] b = new long[n];
        long[] w = new long[n];
        for (int i = 0; i < n; i++) {
            w[i] = 10;
            for (int k = 0; k < 10; k++) {
                double u = r.nextDouble();
                a[i] += u < 0.10 ? 1 : 0;
                b[i] += u < 0.08 ? 1 : 0; // paired: B errs on a subset of A's errors
            }
        }
        PairedBootstrap.Difference d = PairedBootstrap.rateDifference(a, b, w, 1000, 5);
        assertTrue(d.lower() < -2 + 0.5 && d.upper() > -2 - 0.5, d.toString());
        assertTrue(d.upper() < 0, "a 2-point gain on 40,000 words is significant: " + d);
        assertEquals(1.0, d.shareBelow(), 1e-9);
        double half = (d.upper() - d.lower()) / 2;
        // a quarter of the data: the interval about twice as wide (1/sqrt(n))
        PairedBootstrap.Difference q = PairedBootstrap.rateDifference(
                java.util.Arrays.copyOf(a, n / 4),
                java.util.Arrays.copyOf(b, n / 4),
                java.util.Arrays.copyOf(w, n / 4),
                1000,
                5);
        double ratio = (q.upper() - q.lower()) / 2 / half;
        assertTrue(ratio > 1.6 && ratio < 2.4, "ratio " + ratio);
    }

    @Test
    void zeroSamplesIsAnError() {
        long[] e = {1};
        AmdException x = assertThrows(AmdException.class, () -> PairedBootstrap.rateDifference(e, e, e, 0, 1));
        assertTrue(x.getMessage().contains("bootstrap samples must be positive"), x.getMessage());
    }

    @Test
    void distributions() {
        assertEquals(0.05, Distributions.normalTwoSided(1.959964), 1e-6);
        assertEquals(1.0, Distributions.normalTwoSided(0), 1e-7);
        assertEquals(0.5, Distributions.binomialHalfCdf(1, 3), 1e-12);
        assertEquals(1 / 8.0, Distributions.binomialHalfCdf(0, 3), 1e-12);
        // n = 2000: P(X <= 950) by the normal approximation with continuity correction, about 0.0136
        assertEquals(0.0136, Distributions.binomialHalfCdf(950, 2000), 0.0005);
    }
}
