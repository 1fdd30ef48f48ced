package org.amdistill.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeptGainTest {
    @Test
    void shareOfErrorRatesAndOfAccuracies() {
        assertEquals(
                100.0 * 2 / 3, KeptGain.share(40, 10, 20), 1e-9, "the student keeps 20 of the teacher's 30 points");
        assertEquals(80, KeptGain.share(58.9, 61.1, 58.9 + 0.8 * 2.2), 1e-9, "accuracies: gains are rises");
        assertTrue(Double.isNaN(KeptGain.share(10, 10, 9)), "no teacher gain: undefined");
    }

    @Test
    void keptShareOfRatesWithItsInterval() {
        int n = 40;
        long[] words = new long[n];
        long[] base = new long[n];
        long[] teacher = new long[n];
        long[] student = new long[n];
        for (int u = 0; u < n; u++) {
            words[u] = 3;
            base[u] = u % 2 == 0 ? 1 : 0;
            teacher[u] = u % 8 == 0 ? 1 : 0;
            student[u] = u % 4 == 0 ? 1 : 0;
        }
        KeptGain.Estimate e = KeptGain.ofRates(base, teacher, student, words, 500, 1);
        assertEquals(100.0 * 2 / 3, e.value(), 1e-9, "errors 20 / 5 / 10: the student keeps 10 of 15");
        assertTrue(e.lower() < e.value() && e.value() < e.upper(), e.toString());
        assertEquals(e, KeptGain.ofRates(base, teacher, student, words, 500, 1), "deterministic for a seed");
    }

    @Test
    void intervalLeavesOutUndefinedDraws() {
        double[] draws = {Double.NaN, 1, 2, 3, Double.NaN};
        assertArrayEquals(new double[] {1, 3}, PairedBootstrap.interval(draws, 0.95));
        double[] none = PairedBootstrap.interval(new double[] {Double.NaN}, 0.95);
        assertTrue(Double.isNaN(none[0]) && Double.isNaN(none[1]));
    }
}
