package org.amdistill.acoustic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfPriorOptionsTest {
    /** Two pdfs whose posteriors are the features themselves (log probabilities), priors 1/4 and 3/4. */
    static final class FixedModel implements AcousticModel {
        @Override
        public int numPdfs() {
            return 2;
        }

        @Override
        public Matrix logPosteriors(Matrix features) {
            return features.copy();
        }

        @Override
        public float[] logPriors() {
            return new float[] {(float) Math.log(0.25), (float) Math.log(0.75)};
        }
    }

    @Test
    void countsAreNormalisedAndFlooredLikeKaldisPdfPrior() {
        float[] lp = PdfPriorOptions.logPriorsFromCounts(new double[] {1, 3, 0}, 1e-3);
        assertEquals(Math.log(0.25), lp[0], 1e-6);
        assertEquals(Math.log(0.75), lp[1], 1e-6);
        assertEquals(Math.log(1e-3), lp[2], 1e-6, "a zero count is floored, not -infinity");
        assertThrows(AmdException.class, () -> PdfPriorOptions.logPriorsFromCounts(new double[] {0, 0}, 1e-10));
        assertThrows(AmdException.class, () -> PdfPriorOptions.logPriorsFromCounts(new double[] {1, -1}, 1e-10));
    }

    @Test
    void classFrameCountsReplaceTheModelsPriorsAndTheScaleScalesThem(@TempDir Path dir) throws Exception {
        FixedModel m = new FixedModel();
        PdfPriorOptions o = new PdfPriorOptions();
        assertArrayEquals(m.logPriors(), o.scaledLogPriors(m), 1e-7f, "without options: the model's own priors");
        Path counts = dir.resolve("counts.vec");
        Files.writeString(counts, " [ 30 10 ]\n");
        o.classFrameCounts = counts;
        o.priorScale = 0.5;
        float[] p = o.scaledLogPriors(m);
        assertEquals(0.5 * Math.log(0.75), p[0], 1e-6);
        assertEquals(0.5 * Math.log(0.25), p[1], 1e-6);
        Matrix ll = o.hybridScores(m).logLikelihoods(m, new Matrix(1, 2, new float[] {-1f, -2f}));
        assertEquals(-1 - 0.5 * Math.log(0.75), ll.get(0, 0), 1e-5);
        assertEquals(-2 - 0.5 * Math.log(0.25), ll.get(0, 1), 1e-5);
        o.priorScale = 0;
        assertArrayEquals(new float[] {0f, 0f}, o.scaledLogPriors(m), 0f, "prior scale 0: no priors");
    }

    @Test
    void posteriorSmoothingMixesInTheUniformDistributionBeforeThePriors() {
        FixedModel m = new FixedModel();
        PdfPriorOptions o = new PdfPriorOptions();
        o.posteriorSmoothing = 0.1;
        // posteriors 0.999 and 0.001: smoothed 0.9 * p + 0.05
        float[] post = {(float) Math.log(0.999), (float) Math.log(0.001)};
        Matrix ll = o.hybridScores(m).logLikelihoods(m, new Matrix(1, 2, post));
        assertEquals(Math.log(0.9 * 0.999 + 0.05) - Math.log(0.25), ll.get(0, 0), 1e-5);
        assertEquals(Math.log(0.9 * 0.001 + 0.05) - Math.log(0.75), ll.get(0, 1), 1e-5);
        // a posterior of 0 (log -inf) costs at most log(e / N)
        Matrix zero = o.hybridScores(m).logLikelihoods(m, new Matrix(1, 2, new float[] {0f, Float.NEGATIVE_INFINITY}));
        assertEquals(Math.log(0.05) - Math.log(0.75), zero.get(0, 1), 1e-5);
        o.posteriorSmoothing = 1;
        AmdException e = assertThrows(AmdException.class, () -> o.hybridScores(m));
        assertTrue(e.getMessage().contains("--posterior-smoothing must be in [0, 1), got 1.0"), e.getMessage());
    }

    @Test
    void countsOfTheWrongSizeOrAnUnreadableFileAreClearErrors(@TempDir Path dir) throws Exception {
        PdfPriorOptions o = new PdfPriorOptions();
        o.classFrameCounts = dir.resolve("counts.vec");
        Files.writeString(o.classFrameCounts, "[ 1 2 3 ]\n");
        AmdException e = assertThrows(AmdException.class, () -> o.scaledLogPriors(new FixedModel()));
        assertTrue(e.getMessage().contains("3 class frame counts but the model has 2 pdfs"), e.getMessage());
        o.classFrameCounts = dir.resolve("missing.vec");
        e = assertThrows(AmdException.class, () -> o.scaledLogPriors(new FixedModel()));
        assertTrue(e.getMessage().contains("missing.vec"), e.getMessage());
    }
}
