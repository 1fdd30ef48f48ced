package org.amdistill.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.amdistill.core.table.Matrix;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DistillationLossTest {
    static final int N = 7;
    static final int B = 5;

    /** Labels [p | y]: p a softmax of random teacher logits at T, y one-hot (or zeros when unlabelled). */
    static float[][] labels(Random r, double t, boolean labelled) {
        float[][] lab = new float[B][2 * N];
        for (int e = 0; e < B; e++) {
            float[] v = new float[N];
            for (int i = 0; i < N; i++) {
                v[i] = (float) (2 * r.nextGaussian());
            }
            double[] p = DistillationLoss.softmax(v, t);
            for (int i = 0; i < N; i++) {
                lab[e][i] = (float) p[i];
            }
            if (labelled) {
                lab[e][N + r.nextInt(N)] = 1f;
            }
        }
        return lab;
    }

    static INDArray logits(Random r) {
        float[][] z = new float[B][N];
        for (float[] row : z) {
            for (int i = 0; i < N; i++) {
                row[i] = (float) (2 * r.nextGaussian());
            }
        }
        return Nd4j.create(z).castTo(DataType.DOUBLE);
    }

    @ParameterizedTest(name = "T={0} w={1} labelled={2} logits={3}")
    @CsvSource({
        "1,0,true,false",
        "2,0.1,true,false",
        "5,0.5,true,false",
        "10,0,false,false",
        "1,0.3,true,true",
        "3,0,false,true"
    })
    void gradientMatchesFiniteDifferences(double t, double w, boolean labelled, boolean logitMatching) {
        Random r = new Random(42);
        DistillationLoss loss = new DistillationLoss(t, w, logitMatching);
        INDArray lab = Nd4j.create(labels(r, t, labelled)).castTo(DataType.DOUBLE);
        INDArray z = logits(r);
        INDArray grad = loss.computeGradient(lab, z.dup(), new ActivationIdentity(), null);
        double eps = 1e-4;
        for (int e = 0; e < B; e++) {
            for (int i = 0; i < N; i++) {
                INDArray zp = z.dup();
                zp.putScalar(e, i, z.getDouble(e, i) + eps);
                INDArray zm = z.dup();
                zm.putScalar(e, i, z.getDouble(e, i) - eps);
                double numeric = (loss.computeScore(lab, zp, new ActivationIdentity(), null, false)
                                - loss.computeScore(lab, zm, new ActivationIdentity(), null, false))
                        / (2 * eps);
                assertEquals(
                        numeric,
                        grad.getDouble(e, i),
                        1e-4 * Math.max(1, Math.abs(numeric)),
                        "example " + e + " class " + i);
            }
        }
        // the vectorised path and the plain reference agree
        float[][] g = new float[B][N];
        double[] ref = loss.lossAndGradient(
                z.castTo(DataType.FLOAT).toFloatMatrix(),
                lab.castTo(DataType.FLOAT).toFloatMatrix(),
                g);
        INDArray scores = loss.computeScoreArray(lab, z, new ActivationIdentity(), null);
        for (int e = 0; e < B; e++) {
            assertEquals(ref[e], scores.getDouble(e, 0), 1e-4 * Math.max(1, Math.abs(ref[e])));
            for (int i = 0; i < N; i++) {
                assertEquals(g[e][i], grad.getDouble(e, i), 1e-4);
            }
        }
    }

    @Test
    void softGradientTendsToLogitDifferenceOverNTSquared() {
        // d/dz CE(softmax(v/T), softmax(z/T)) = (softmax(z/T) - softmax(v/T)) / T  ->  (z - v) / (N T^2) for zero-mean
        // z, v.
        Random r = new Random(3);
        float[] z = new float[N];
        float[] v = new float[N];
        double mz = 0;
        double mv = 0;
        for (int i = 0; i < N; i++) {
            z[i] = (float) r.nextGaussian();
            v[i] = (float) r.nextGaussian();
            mz += z[i] / N;
            mv += v[i] / N;
        }
        for (int i = 0; i < N; i++) {
            z[i] -= (float) mz;
            v[i] -= (float) mv;
        }
        double previousError = Double.MAX_VALUE;
        for (double t : new double[] {1, 10, 100, 1000}) {
            DistillationLoss loss = new DistillationLoss(t, 0, false);
            float[][] lab = new float[1][2 * N];
            double[] p = DistillationLoss.softmax(v, t);
            for (int i = 0; i < N; i++) {
                lab[0][i] = (float) p[i];
            }
            float[][] g = new float[1][N];
            loss.lossAndGradient(new float[][] {z}, lab, g);
            double maxRelError = 0;
            for (int i = 0; i < N; i++) {
                double unscaled = g[0][i] / (t * t); // the loss multiplies the soft term by T^2
                double limit = (z[i] - v[i]) / (N * t * t);
                maxRelError = Math.max(maxRelError, Math.abs(unscaled / limit - 1));
            }
            assertEquals(
                    true,
                    maxRelError < previousError || maxRelError < 1e-3,
                    "error shrinks with T: " + maxRelError + " at T=" + t);
            previousError = maxRelError;
        }
        assertEquals(0, previousError, 2e-3, "at T=1000 the gradient is (z - v)/(N T^2)");
    }

    @Test
    void serialisesWithTheModel() throws Exception {
        DistillationLoss loss = new DistillationLoss(5, 0.25, false);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1)
                .list()
                .layer(new OutputLayer.Builder(loss)
                        .nIn(4)
                        .nOut(N)
                        .activation(Activation.IDENTITY)
                        .build())
                .build());
        net.init();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, false);
        MultiLayerNetwork back =
                ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), false);
        OutputLayer out =
                (OutputLayer) back.getLayerWiseConfigurations().getConf(0).getLayer();
        DistillationLoss restored = (DistillationLoss) out.getLossFn();
        assertEquals(5, restored.temperature());
        assertEquals(0.25, restored.hardWeight());
        assertEquals(false, restored.logitMatching());
    }

    @Test
    void badTemperatureOrWeightIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DistillationLoss(0, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new DistillationLoss(-1, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new DistillationLoss(1, -0.5, false));
    }

    @Test
    void topKKeepsDistributionsNormalised() {
        Matrix p = Matrix.fromRows(new float[][] {{0.5f, 0.3f, 0.1f, 0.06f, 0.04f}});
        Matrix a = p.copy();
        SoftTargets.keepTopK(a, 2, SoftTargets.TopKMode.RENORMALISE);
        assertEquals(0.625f, a.get(0, 0), 1e-6);
        assertEquals(0.375f, a.get(0, 1), 1e-6);
        assertEquals(0f, a.get(0, 4));
        Matrix b = p.copy();
        SoftTargets.keepTopK(b, 2, SoftTargets.TopKMode.SPREAD);
        assertEquals(0.5f, b.get(0, 0), 1e-6);
        assertEquals(0.2f / 3, b.get(0, 4), 1e-6);
        double s = 0;
        for (float x : b.data()) {
            s += x;
        }
        assertEquals(1.0, s, 1e-6);
    }
}
