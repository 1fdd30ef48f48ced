package org.amdistill.ensemble.bin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.amdistill.core.table.Matrix;
import org.amdistill.ensemble.EnsembleModel;
import org.junit.jupiter.api.Test;

class EvalEnsembleTest {
    /** Normalised log posteriors, peaked enough that members disagree on a good share of frames. */
    private static Matrix randomLogPosteriors(Random rnd, int rows, int cols) {
        float[] d = new float[rows * cols];
        for (int t = 0; t < rows; t++) {
            double z = 0;
            for (int i = 0; i < cols; i++) {
                d[t * cols + i] = (float) (3 * rnd.nextGaussian());
                z += Math.exp(d[t * cols + i]);
            }
            for (int i = 0; i < cols; i++) {
                d[t * cols + i] -= (float) Math.log(z);
            }
        }
        return new Matrix(rows, cols, d);
    }

    @Test
    void theCurveFromRunningSumsEqualsCombiningTheFirstKMembersEachTime() {
        Random rnd = new Random(7);
        int rows = 400;
        int cols = 13;
        int members = 6;
        List<Matrix> posts = new ArrayList<>();
        for (int k = 0; k < members; k++) {
            posts.add(randomLogPosteriors(rnd, rows, cols));
        }
        int[] lab = new int[rows];
        for (int t = 0; t < rows; t++) {
            lab[t] = rnd.nextInt(cols);
        }
        long[] arith = new long[members];
        long[] geo = new long[members];
        EvalEnsemble.countEnsemblesOfFirstK(posts, lab, rows - 5, arith, geo);
        long[] arithSlow = new long[members];
        long[] geoSlow = new long[members];
        for (int k = 0; k < members; k++) {
            List<Matrix> first = posts.subList(0, k + 1);
            arithSlow[k] = EvalEnsemble.correct(
                    EnsembleModel.combine(first, EnsembleModel.Combination.ARITHMETIC), lab, rows - 5);
            geoSlow[k] = EvalEnsemble.correct(
                    EnsembleModel.combine(first, EnsembleModel.Combination.GEOMETRIC), lab, rows - 5);
        }
        assertArrayEquals(arithSlow, arith);
        assertArrayEquals(geoSlow, geo);
        assertTrue(arith[members - 1] != geo[members - 1] || arith[0] != arith[members - 1], "a curve that moves");
    }
}
