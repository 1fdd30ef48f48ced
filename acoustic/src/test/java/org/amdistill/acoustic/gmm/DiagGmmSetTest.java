package org.amdistill.acoustic.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.amdistill.core.table.Matrix;
import org.junit.jupiter.api.Test;

class DiagGmmSetTest {
    @Test
    void singleGaussianLogLikelihoodMatchesFormula() {
        double[] mean = {1.0, -2.0};
        double[] var = {0.5, 2.0};
        DiagGmmSet gmm = new DiagGmmSet(1, 2, mean, var);
        Matrix x = new Matrix(1, 2);
        x.set(0, 0, 0.3f);
        x.set(0, 1, -1.0f);
        double want = 0;
        for (int d = 0; d < 2; d++) {
            double diff = x.get(0, d) - mean[d];
            want += -0.5 * (Math.log(2 * Math.PI * var[d]) + diff * diff / var[d]);
        }
        assertEquals(want, gmm.logLikelihoods(x).get(0, 0), 1e-4);
    }

    @Test
    void splitReachesTargetAndKeepsWeightsNormalised() {
        DiagGmmSet gmm = new DiagGmmSet(2, 1, new double[] {0}, new double[] {1});
        MonophoneTrainer.split(gmm, new double[][] {{100}, {100}}, 8);
        assertEquals(4, gmm.numComponents(0));
        assertEquals(8, gmm.numGaussians());
        double sum = 0;
        for (double w : gmm.weights.get(0)) {
            sum += w;
        }
        assertEquals(1.0, sum, 1e-9);
        DiagGmmSet back = DiagGmmSet.fromText(gmm.toText());
        assertEquals(8, back.numGaussians());
    }
}
