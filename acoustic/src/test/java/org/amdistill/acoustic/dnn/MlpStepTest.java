package org.amdistill.acoustic.dnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.table.Matrix;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** The hand-written training step computes what Deeplearning4j's fit() computes, step for step. */
class MlpStepTest {
    static INDArray[] batch(Random r, int b, int in, int classes, boolean oneHot) {
        float[] x = new float[b * in];
        float[] y = new float[b * classes];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < b; i++) {
            if (oneHot) {
                y[i * classes + r.nextInt(classes)] = 1f;
            } else {
                for (int c = 0; c < classes; c++) {
                    y[i * classes + c] = (float) r.nextGaussian();
                }
            }
        }
        return new INDArray[] {Nd4j.create(x, new long[] {b, in}, 'c'), Nd4j.create(y, new long[] {b, classes}, 'c')};
    }

    /** Trains two copies of one network, by fit() and by the step, on the same minibatches; returns the largest difference. */
    static double compare(DnnConfig cfg, ILossFunction loss, boolean oneHot) {
        DnnTrainer t = new DnnTrainer(
                cfg, DnnTrainerTest.inventory(), new TransitionModel(DnnTrainerTest.inventory()), Map.of());
        int in = 20;
        MultiLayerNetwork a = t.buildNetwork(in, loss);
        MultiLayerNetwork b = t.buildNetwork(in, loss);
        assertEquals(a.params(), b.params(), "same seed, same initial network");
        INDArray initial = b.params().dup();
        MlpStep step = MlpStep.forNetwork(b);
        assertNotNull(step);
        Random r = new Random(3);
        double maxDiff = 0;
        for (int i = 0; i < 12; i++) {
            INDArray[] xy = batch(r, i == 11 ? 37 : 64, in, DnnTrainerTest.CLASSES, oneHot); // a short last batch too
            a.fit(new DataSet(xy[0], xy[1]));
            double scoreB = step.fit(xy[0], xy[1]);
            assertEquals(a.score(), scoreB, 1e-4 * Math.max(1, Math.abs(scoreB)), "loss of step " + i);
            maxDiff = Math.max(maxDiff, a.params().sub(b.params()).amaxNumber().doubleValue());
        }
        assertEquals(a.getIterationCount(), b.getIterationCount());
        assertTrue(b.params().sub(initial).amaxNumber().doubleValue() > 1e-3, "the step trained the network");
        return maxDiff;
    }

    @Test
    void adamWithSoftmaxCrossEntropyMatchesFit() {
        DnnConfig c = DnnTrainerTest.config(1);
        c.learningRate = 0.01;
        double d = compare(c, null, true);
        assertTrue(d < 1e-4, "parameters differ by " + d);
    }

    @Test
    void aLinearBottleneckBeforeTheReluLayersMatchesFit() {
        DnnConfig c = DnnTrainerTest.config(1);
        c.learningRate = 0.01;
        c.bottleneckDim = 8;
        double d = compare(c, null, true);
        assertTrue(d < 1e-4, "parameters differ by " + d);
        DnnTrainer t = new DnnTrainer(
                c, DnnTrainerTest.inventory(), new TransitionModel(DnnTrainerTest.inventory()), Map.of());
        MultiLayerNetwork net = t.buildNetwork(20, null);
        assertEquals(c.hiddenLayers + 2, net.getnLayers(), "bottleneck, hidden layers, output");
        assertEquals(8, net.getLayer(0).getParam("W").size(1));
        INDArray x = batch(new Random(5), 53, 20, DnnTrainerTest.CLASSES, true)[0];
        assertTrue(
                net.output(x, false)
                                .sub(MlpForward.of(net).output(x))
                                .amaxNumber()
                                .doubleValue()
                        < 1e-5,
                "forward pass");
    }

    @Test
    void nesterovWithL2AndACustomLossOnLogitsMatchesFit() {
        DnnConfig c = DnnTrainerTest.config(1);
        c.optimizer = DnnConfig.Optimizer.SGD;
        c.learningRate = 0.05;
        c.l2 = Double.parseDouble(System.getProperty("l2", "1e-3"));
        double d = compare(c, new LossMSE(), false);
        assertTrue(d < 1e-4, "parameters differ by " + d);
    }

    @Test
    void theHandWrittenForwardPassGivesWhatOutputGives() {
        DnnConfig c = DnnTrainerTest.config(1);
        c.dropout = 0.3; // inactive at inference: the forward pass still applies
        DnnTrainer t = new DnnTrainer(
                c, DnnTrainerTest.inventory(), new TransitionModel(DnnTrainerTest.inventory()), Map.of());
        for (ILossFunction loss : new ILossFunction[] {null, new LossMSE()}) {
            MultiLayerNetwork net = t.buildNetwork(20, loss); // softmax output, then identity (logits)
            MlpForward f = MlpForward.of(net);
            assertNotNull(f);
            INDArray x = batch(new Random(5), 53, 20, DnnTrainerTest.CLASSES, true)[0];
            INDArray expected = net.output(x, false);
            INDArray got = f.output(x);
            assertEquals(53, got.size(0));
            assertTrue(
                    expected.sub(got).amaxNumber().doubleValue() < 1e-5,
                    "max difference " + expected.sub(got).amaxNumber());
        }
        c.dropout = 0;
        c.activation = DnnConfig.HiddenActivation.TANH;
        assertNull(MlpForward.of(t.buildNetwork(20, null)));
    }

    @Test
    void theInferencePassGivesWhatOutputGivesWhateverTheUtteranceLengths() {
        DnnConfig c = DnnTrainerTest.config(1);
        c.bottleneckDim = 8;
        DnnTrainer t = new DnnTrainer(
                c, DnnTrainerTest.inventory(), new TransitionModel(DnnTrainerTest.inventory()), Map.of());
        Random r = new Random(9);
        for (ILossFunction loss : new ILossFunction[] {null, new LossMSE()}) {
            MultiLayerNetwork net = t.buildNetwork(20, loss); // softmax output, then identity (logits)
            MlpInference inf = new MlpInference(MlpForward.of(net));
            assertEquals(DnnTrainerTest.CLASSES, inf.classes(), "the output layer's padding is not returned");
            float[] first = null;
            float[] firstCopy = null;
            // grows, shrinks, grows past its capacity: the kept buffers must never leak one utterance into another
            for (int frames : new int[] {37, 150, 5, 150, 1, 211}) {
                INDArray x = batch(r, frames, 20, DnnTrainerTest.CLASSES, true)[0];
                INDArray in = inf.input(frames, 20);
                in.assign(x);
                INDArray expected = net.output(x, false);
                float[] raw = inf.run(in, MlpInference.Output.RAW);
                float[] logPost = inf.run(x, MlpInference.Output.LOG_POSTERIORS);
                float[] post = inf.run(x, MlpInference.Output.POSTERIORS);
                assertEquals(frames * DnnTrainerTest.CLASSES, raw.length);
                double maxDiff = 0;
                for (int i = 0; i < raw.length; i++) {
                    float e = expected.getFloat(i / DnnTrainerTest.CLASSES, i % DnnTrainerTest.CLASSES);
                    maxDiff = Math.max(maxDiff, Math.abs(e - raw[i]));
                    double logE = loss == null ? Math.log(e) : 0; // the softmax network's log posteriors
                    if (loss == null) {
                        maxDiff = Math.max(maxDiff, Math.abs(logE - logPost[i]));
                    }
                }
                if (loss != null) { // log softmax of the logits
                    Matrix z = new Matrix(frames, DnnTrainerTest.CLASSES, raw.clone());
                    DnnAcousticModel.logSoftmaxRows(z, 1.0);
                    for (int i = 0; i < raw.length; i++) {
                        maxDiff = Math.max(maxDiff, Math.abs(z.data()[i] - logPost[i]));
                    }
                }
                for (int i = 0; i < raw.length; i++) {
                    maxDiff = Math.max(maxDiff, Math.abs(Math.exp(logPost[i]) - post[i]));
                }
                assertTrue(maxDiff < 1e-4, frames + " frames: max difference " + maxDiff);
                if (first == null) {
                    first = raw;
                    firstCopy = raw.clone();
                }
            }
            assertTrue(Arrays.equals(first, firstCopy), "a result is the caller's, not a view of a kept buffer");
        }
    }

    @Test
    void networksItCannotTrainAreLeftToFit() {
        DnnConfig c = DnnTrainerTest.config(1);
        c.dropout = 0.2;
        DnnTrainer t = new DnnTrainer(
                c, DnnTrainerTest.inventory(), new TransitionModel(DnnTrainerTest.inventory()), Map.of());
        assertNull(MlpStep.forNetwork(t.buildNetwork(20, null)), "dropout");
        c.dropout = 0;
        c.activation = DnnConfig.HiddenActivation.TANH;
        assertNull(MlpStep.forNetwork(t.buildNetwork(20, null)), "tanh");
    }
}
