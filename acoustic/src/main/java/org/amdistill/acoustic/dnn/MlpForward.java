package org.amdistill.acoustic.dnn;

import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BiasAdd;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The forward pass of a ReLU MLP (dense layers, then an output layer) by hand, on the network's own parameter
 * views: activations are kept column-major {@code [units, frames]}, so a row-major minibatch or utterance is its
 * own column-major transpose and every product is column-major times column-major (no operand is copied into another
 * order, which a mixed-order product in Deeplearning4j does). Used for training ({@link MlpStep}) and inference.
 */
public final class MlpForward {
    final int numLayers;
    final INDArray[] weights; // [in, out], column-major views of the parameters
    final INDArray[] biases; // [out]
    final int[] outDims;
    final boolean[] relu; // per hidden layer: ReLU, or linear (a bottleneck)
    final IActivation outputActivation;

    private MlpForward(MultiLayerNetwork net) {
        numLayers = net.getnLayers();
        weights = new INDArray[numLayers];
        biases = new INDArray[numLayers];
        outDims = new int[numLayers];
        relu = new boolean[numLayers];
        for (int i = 0; i < numLayers; i++) {
            Layer l = net.getLayer(i);
            relu[i] = i < numLayers - 1 && isPlainRelu(((BaseLayer) l.conf().getLayer()).getActivationFn());
            weights[i] = l.getParam(DefaultParamInitializer.WEIGHT_KEY);
            outDims[i] = (int) weights[i].size(1);
            biases[i] = l.getParam(DefaultParamInitializer.BIAS_KEY).reshape(outDims[i]);
        }
        outputActivation = ((BaseLayer) net.getLayer(numLayers - 1).conf().getLayer()).getActivationFn();
    }

    /**
     * The forward pass of {@code net}, or null when it is not an MLP of float dense layers (ReLU, or linear for a
     * bottleneck) and an output layer.
     */
    public static MlpForward of(MultiLayerNetwork net) {
        if (net.params().dataType() != DataType.FLOAT) {
            return null;
        }
        for (int i = 0; i < net.getnLayers(); i++) {
            boolean hidden = i < net.getnLayers() - 1;
            Object conf = net.getLayer(i).conf().getLayer();
            INDArray w = net.getLayer(i).getParam(DefaultParamInitializer.WEIGHT_KEY);
            if (w == null
                    || w.ordering() != 'f'
                    || net.getLayer(i).getParam(DefaultParamInitializer.BIAS_KEY) == null) {
                return null;
            }
            if (hidden
                    && !(conf instanceof DenseLayer d
                            && (isPlainRelu(d.getActivationFn())
                                    || d.getActivationFn() instanceof ActivationIdentity))) {
                return null;
            }
            if (!hidden && !(conf instanceof OutputLayer)) {
                return null;
            }
        }
        return new MlpForward(net);
    }

    /**
     * The network's inference function: the hand-written pass where {@link #of} takes the network, else
     * Deeplearning4j's {@code output()}. Every inference in the project goes through here.
     */
    public static UnaryOperator<INDArray> outputOf(MultiLayerNetwork net) {
        MlpForward f = of(net);
        return f != null ? f::output : x -> net.output(x, false);
    }

    private static boolean isPlainRelu(IActivation a) {
        return a instanceof ActivationReLU r && r.toString().equals(new ActivationReLU().toString());
    }

    /** Fills {@code acts[i]} ([out_i, b], column-major) from {@code in} ([in, b], column-major); the last holds the output layer's pre-activations. */
    void forward(INDArray in, INDArray[] acts) {
        for (int i = 0; i < numLayers; i++) {
            in = layer(weights[i], biases[i], relu[i], in, acts[i]);
        }
    }

    /**
     * One layer: {@code out = act(w^T in + bias)}, column-major [units, b]. The bias goes in by libnd4j's
     * channel-last BiasAdd on the row-major transpose: a third of the time of a column-vector add.
     */
    static INDArray layer(INDArray w, INDArray bias, boolean relu, INDArray in, INDArray out) {
        Nd4j.gemm(w, in, out, true, false, 1.0, 0.0);
        INDArray rows = out.transpose();
        Nd4j.exec(new BiasAdd(rows, bias, rows, false));
        if (relu) {
            Nd4j.exec(new RectifiedLinear(out));
        }
        return out;
    }

    /** What {@code net.output(x, false)} gives for row-major {@code x} [frames, in]: [frames, classes], row-major. */
    public INDArray output(INDArray x) {
        return outputActivation.getActivation(logits(x), false);
    }

    /** The output layer's pre-activations (logits) for row-major {@code x} [frames, in]: [frames, classes], row-major. */
    public INDArray logits(INDArray x) {
        if (x.ordering() != 'c' || x.dataType() != DataType.FLOAT) {
            x = x.castTo(DataType.FLOAT).dup('c');
        }
        long b = x.size(0);
        INDArray[] acts = new INDArray[numLayers];
        for (int i = 0; i < numLayers; i++) {
            acts[i] = Nd4j.createUninitialized(DataType.FLOAT, new long[] {outDims[i], b}, 'f');
        }
        forward(x.transpose(), acts);
        return acts[numLayers - 1].transpose(); // [b, classes], a row-major view of the whole buffer
    }
}
