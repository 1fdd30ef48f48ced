package org.amdistill.decoding.decoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.AcousticModelLoader;
import org.amdistill.acoustic.hmm.HmmModel;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.table.Matrix;
import org.amdistill.dataprep.lang.LangDir;

/**
 * Test models, files of one line "TRUTH-MODEL numPdfs noise seed [langDir]": the feature matrix's first column holds
 * each frame's true pdf; the model gives that pdf most of the posterior mass, blurred by Gaussian noise of the given
 * standard deviation on the log posteriors (0: a perfect model). With a lang directory the model knows its HMMs
 * (an {@link HmmModel} whose inventory and transitions come from the lang directory's topology), as trained models do.
 */
public final class TruthModelLoader implements AcousticModelLoader {
    @Override
    public boolean accepts(Path modelFile) {
        try {
            return Files.readString(modelFile, StandardCharsets.ISO_8859_1).startsWith("TRUTH-MODEL");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public AcousticModel load(Path modelFile) throws IOException {
        String[] f = Files.readString(modelFile).strip().split("\\s+");
        TruthModel m = new TruthModel(Integer.parseInt(f[1]), Double.parseDouble(f[2]), Long.parseLong(f[3]));
        if (f.length > 4) {
            HmmStateInventory inv = HmmStateInventory.fromLang(LangDir.read(Path.of(f[4])));
            return new TruthHmmModel(m, inv, new TransitionModel(inv));
        }
        return m;
    }

    static final class TruthHmmModel implements AcousticModel, HmmModel {
        final TruthModel m;
        final HmmStateInventory inv;
        final TransitionModel tm;

        TruthHmmModel(TruthModel m, HmmStateInventory inv, TransitionModel tm) {
            this.m = m;
            this.inv = inv;
            this.tm = tm;
        }

        @Override
        public HmmStateInventory inventory() {
            return inv;
        }

        @Override
        public TransitionModel transitions() {
            return tm;
        }

        @Override
        public int numPdfs() {
            return m.numPdfs();
        }

        @Override
        public Matrix logPosteriors(Matrix features) {
            return m.logPosteriors(features);
        }

        @Override
        public float[] logPriors() {
            return m.logPriors();
        }
    }

    static final class TruthModel implements AcousticModel {
        final int pdfs;
        final double noise;
        final long seed;

        TruthModel(int pdfs, double noise, long seed) {
            this.pdfs = pdfs;
            this.noise = noise;
            this.seed = seed;
        }

        @Override
        public int numPdfs() {
            return pdfs;
        }

        @Override
        public Matrix logPosteriors(Matrix features) {
            Random rnd = new Random(seed + features.rows());
            Matrix m = new Matrix(features.rows(), pdfs);
            for (int t = 0; t < features.rows(); t++) {
                int truth = (int) features.get(t, 0);
                double[] z = new double[pdfs];
                double max = Double.NEGATIVE_INFINITY;
                for (int p = 0; p < pdfs; p++) {
                    z[p] = (p == truth ? 15 : 0) + noise * rnd.nextGaussian();
                    max = Math.max(max, z[p]);
                }
                double sum = 0;
                for (int p = 0; p < pdfs; p++) {
                    sum += Math.exp(z[p] - max);
                }
                for (int p = 0; p < pdfs; p++) {
                    m.set(t, p, (float) (z[p] - max - Math.log(sum)));
                }
            }
            return m;
        }

        @Override
        public float[] logPriors() {
            float[] p = new float[pdfs];
            Arrays.fill(p, (float) -Math.log(pdfs));
            return p;
        }
    }
}
