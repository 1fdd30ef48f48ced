package org.amdistill.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.amdistill.core.cli.Cli;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.DoubleMatrix;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.SequentialReader;
import org.amdistill.frontend.bin.AddDeltas;
import org.amdistill.frontend.bin.ApplyCmvn;
import org.amdistill.frontend.bin.ComputeCmvnStats;
import org.amdistill.frontend.bin.SpliceFeats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compute-cmvn-stats, apply-cmvn and splice-feats against Kaldi's outputs (testdata/kaldi/commands.txt). */
class CmvnSpliceKaldiTest {
    static final String FEATS = "ark:" + KaldiReference.DIR.resolve("fbank40.ark");

    @Test
    void cmvnStatsMatchKaldi(@TempDir Path tmp) {
        Path out = tmp.resolve("stats.txt");
        assertEquals(0, Cli.execute(new ComputeCmvnStats(), FEATS, "ark,t:" + out));
        try (SequentialReader<DoubleMatrix> ours = SequentialReader.open("ark:" + out, Codecs.DOUBLE_MATRIX);
                SequentialReader<DoubleMatrix> kaldi = SequentialReader.open(
                        "ark:" + KaldiReference.DIR.resolve("cmvn_stats.txt"), Codecs.DOUBLE_MATRIX)) {
            var it = ours.iterator();
            for (Entry<DoubleMatrix> k : kaldi) {
                Entry<DoubleMatrix> o = it.next();
                assertEquals(k.key(), o.key());
                for (int i = 0; i < k.value().data().length; i++) {
                    double e = k.value().data()[i];
                    assertEquals(e, o.value().data()[i], 1e-5 * Math.max(1, Math.abs(e)), k.key() + " element " + i);
                }
            }
        }
    }

    @Test
    void applyCmvnMatchesKaldi(@TempDir Path tmp) {
        Path out = tmp.resolve("cmvn.txt");
        assertEquals(
                0,
                Cli.execute(
                        new ApplyCmvn(),
                        "--norm-vars=true",
                        "ark:" + KaldiReference.DIR.resolve("cmvn_stats.txt"),
                        FEATS,
                        "ark,t:" + out));
        KaldiReference.assertClose(
                KaldiReference.read("ark:" + KaldiReference.DIR.resolve("fbank40_cmvn.txt")),
                KaldiReference.read("ark:" + out),
                1e-3);
    }

    @Test
    void spliceMatchesKaldi(@TempDir Path tmp) {
        Path out = tmp.resolve("splice.txt");
        assertEquals(0, Cli.execute(new SpliceFeats(), "--left-context=5", "--right-context=5", FEATS, "ark,t:" + out));
        KaldiReference.assertClose(
                KaldiReference.read("ark:" + KaldiReference.DIR.resolve("fbank40_splice5.txt")),
                KaldiReference.read("ark:" + out),
                1e-3);
    }

    @Test
    void asymmetricSpliceRepeatsEdgeFrames() {
        Matrix m = Matrix.fromRows(new float[][] {{1}, {2}, {3}});
        Matrix s = new Splicer(2, 1).splice(m);
        assertArrayEquals(new float[] {1, 1, 1, 2}, s.row(0));
        assertArrayEquals(new float[] {1, 2, 3, 3}, s.row(2));
        FloatBuffer buf = FloatBuffer.allocate(s.data().length + 1);
        new Splicer(2, 1).splice(m, buf);
        assertArrayEquals(s.data(), Arrays.copyOf(buf.array(), s.data().length), "into a buffer, as into a matrix");
    }

    @Test
    void perUtteranceMeanVarianceNormalisationGivesZeroMeanUnitVariance() {
        Map<String, Matrix> feats = KaldiReference.read(FEATS);
        Matrix m = feats.values().iterator().next().copy();
        Cmvn.Mode.MEAN_VAR.applyPerUtterance(m);
        double sum = 0;
        double sq = 0;
        for (int r = 0; r < m.rows(); r++) {
            sum += m.get(r, 3);
            sq += m.get(r, 3) * m.get(r, 3);
        }
        assertEquals(0, sum / m.rows(), 1e-4);
        assertEquals(1, sq / m.rows(), 1e-3);
    }

    @Test
    void deltasOfALinearRampAreConstantInside(@TempDir Path tmp) {
        Matrix m = new Matrix(20, 1);
        for (int t = 0; t < 20; t++) {
            m.set(t, 0, t);
        }
        Matrix d = new Deltas(2, 2).apply(m);
        assertEquals(3, d.cols());
        assertEquals(10, d.get(10, 0), 1e-6);
        assertEquals(1.0, d.get(10, 1), 1e-6); // slope
        assertEquals(0.0, d.get(10, 2), 1e-6); // no curvature
        assertEquals(0, Cli.execute(new AddDeltas(), FEATS, "ark:" + tmp.resolve("d.ark")));
    }
}
