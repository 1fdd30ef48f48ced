package org.amdistill.acoustic.dnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * One training step of a ReLU MLP (dense layers, then an output layer) by hand, in place of {@code fit()}: the
 * forward pass of {@link MlpForward} and a backward pass in the same column-major layout on buffers allocated once
 * per minibatch size, gradients written straight into the network's own gradient view, then the network's own
 * updater (Adam or Nesterov, its state, L2) and step, so checkpoints and {@code --resume} are unchanged. Stock
 * {@code fit()} reached about a third of ND4J's GEMM speed on these shapes, this step about two thirds.
 */
public final class MlpStep {
    private final MultiLayerNetwork net;
    private final MlpForward forward;
    private final int numLayers;
    private final INDArray[] weights; // [in, out], column-major views of the parameters
    private final INDArray[] weightGrads;
    private final INDArray[] biasGrads; // [1, out]
    private final int[] outDims;
    private final ILossFunction lossFn;
    private final IActivation outputActivation;
    private final Gradient gradient;
    private final INDArray flatUpdate; // the gradient view, shaped as the parameters: after the updater, the step
    private final boolean regularised;
    private int cachedBatch = -1;
    private INDArray[]
            activations; // per layer, [out, b] column-major: after ReLU for hidden layers, logits for the last
    private INDArray[] deltas; // per hidden layer, [out, b]

    private MlpStep(MultiLayerNetwork net, MlpForward forward) {
        this.net = net;
        this.forward = forward;
        this.numLayers = forward.numLayers;
        weights = forward.weights;
        outDims = forward.outDims;
        weightGrads = new INDArray[numLayers];
        biasGrads = new INDArray[numLayers];
        if (net.getGradientsViewArray() == null) {
            net.initGradientsView();
        }
        gradient = new DefaultGradient(net.getGradientsViewArray());
        flatUpdate = net.getGradientsViewArray().reshape(net.params().shape());
        for (int i = 0; i < numLayers; i++) {
            Layer l = net.getLayer(i);
            Map<String, INDArray> g = DefaultParamInitializer.getInstance()
                    .getGradientsFromFlattened(l.conf(), l.getGradientsViewArray());
            weightGrads[i] = g.get(DefaultParamInitializer.WEIGHT_KEY);
            biasGrads[i] = g.get(DefaultParamInitializer.BIAS_KEY);
            gradient.setGradientFor(i + "_" + DefaultParamInitializer.WEIGHT_KEY, weightGrads[i]);
            gradient.setGradientFor(i + "_" + DefaultParamInitializer.BIAS_KEY, biasGrads[i]);
        }
        BaseOutputLayer out =
                (BaseOutputLayer) net.getLayer(numLayers - 1).conf().getLayer();
        lossFn = out.getLossFn();
        boolean reg = false;
        for (int i = 0; i < numLayers; i++) {
            BaseLayer bl = (BaseLayer) net.getLayer(i).conf().getLayer();
            reg |= (bl.getRegularization() != null && !bl.getRegularization().isEmpty())
                    || (bl.getRegularizationBias() != null
                            && !bl.getRegularizationBias().isEmpty());
        }
        regularised = reg;
        outputActivation = out.getActivationFn();
    }

    /** A step for {@code net}, or null when the network is not one this class handles (dropout, another activation). */
    public static MlpStep forNetwork(MultiLayerNetwork net) {
        MlpForward f = MlpForward.of(net);
        if (f == null) {
            return null;
        }
        for (int i = 0; i < net.getnLayers(); i++) {
            BaseLayer bl = (BaseLayer) net.getLayer(i).conf().getLayer();
            if (bl.getIDropout() != null || bl.getWeightNoise() != null) {
                return null;
            }
        }
        return new MlpStep(net, f);
    }

    private void allocate(int b) {
        if (b == cachedBatch) {
            return;
        }
        activations = new INDArray[numLayers];
        deltas = new INDArray[numLayers];
        for (int i = 0; i < numLayers; i++) {
            activations[i] = Nd4j.createUninitialized(DataType.FLOAT, new long[] {outDims[i], b}, 'f');
            deltas[i] = Nd4j.createUninitialized(DataType.FLOAT, new long[] {outDims[i], b}, 'f');
        }
        cachedBatch = b;
    }

    /** Trains on one minibatch ({@code x}: [b, in], {@code y}: [b, label width], row-major); returns the mean loss. */
    public double fit(INDArray x, INDArray y) {
        int b = (int) x.size(0);
        if (x.ordering() != 'c' || x.dataType() != DataType.FLOAT) {
            x = x.castTo(DataType.FLOAT).dup('c');
        }
        allocate(b);
        forward.forward(x.transpose(), activations); // x.transpose(): the row-major minibatch as column-major [in, b]
        // loss on the logits, as the output layer computes it (per example, summed; the updater divides by b)
        INDArray preOutput = activations[numLayers - 1].transpose(); // [b, classes] row-major view
        double score = lossFn.computeScore(y, preOutput, outputActivation, null, true);
        if (regularised) {
            score += net.calcRegularizationScore(true); // as fit() reports it: mean loss plus the whole L2 term
        }
        INDArray dOut = lossFn.computeGradient(y, preOutput, outputActivation, null); // [b, classes]
        INDArray delta = dOut.transpose(); // [classes, b]
        for (int i = numLayers - 1; i >= 0; i--) {
            INDArray prev = i == 0 ? x.transpose() : activations[i - 1];
            Nd4j.gemm(prev, delta, weightGrads[i], false, true, 1.0, 0.0); // dW = A_{i-1} delta^T
            biasGrads[i].assign(delta.sum(1).reshape(1, outDims[i]));
            if (i > 0) {
                INDArray back = deltas[i - 1];
                Nd4j.gemm(weights[i], delta, back, false, false, 1.0, 0.0); // W delta
                if (forward.relu[i - 1]) {
                    Nd4j.exec(new RectifiedLinearDerivative(activations[i - 1], back, back));
                }
                delta = back;
            }
        }
        // the network's own updater (state, learning rate, L2, division by b) and step, as fit() does
        net.getUpdater()
                .update(
                        net,
                        gradient,
                        net.getIterationCount(),
                        net.getEpochCount(),
                        b,
                        LayerWorkspaceMgr.noWorkspaces());
        net.params().subi(flatUpdate);
        net.setIterationCount(net.getIterationCount() + 1);
        net.setScore(score);
        return score;
    }

    /** Names of the per-layer gradient views this step writes, for tests. */
    List<String> gradientKeys() {
        return new ArrayList<>(gradient.gradientForVariable().keySet());
    }
}
