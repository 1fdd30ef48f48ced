package org.amdistill.acoustic.dnn;

import java.nio.FloatBuffer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link MlpForward}'s pass for a network that no longer trains, one utterance at a time, where the fixed costs of a
 * pass rival a small network's products (measured on one core, 149 frames):
 * <ul>
 * <li>the input and activation buffers are kept from call to call, grown to the longest utterance so far
 * (allocating a 1536 x 149 buffer took longer than the product that fills it);</li>
 * <li>the output layer is padded to a multiple of 8 units (a 63-unit product ran at 86 GFLOP/s, 64 units at 101),
 * the padding with zero weights and a bias of {@value #PAD_BIAS}, which softmax and log-softmax give no mass; the
 * padding is dropped from what is returned.</li>
 * </ul>
 * Holds a padded copy of the output layer, so it stands for the network as it was when made. One caller at a time.
 */
final class MlpInference {
    static final float PAD_BIAS = -1e30f;
    private static final int PAD_TO = 8;

    private final MlpForward net;
    private final INDArray[] weights; // the hidden layers' own views; the output layer padded
    private final INDArray[] biases;
    private final int[] units; // per layer, the output layer's padded
    private final int classes;
    private final boolean identityOutput;
    private DataBuffer input;
    private final DataBuffer[] acts;
    private long capacity; // frames the buffers hold

    MlpInference(MlpForward net) {
        this.net = net;
        int n = net.numLayers;
        weights = net.weights.clone();
        biases = net.biases.clone();
        units = net.outDims.clone();
        classes = net.outDims[n - 1];
        int padded = (classes + PAD_TO - 1) / PAD_TO * PAD_TO;
        if (padded != classes) {
            INDArray w = Nd4j.create(DataType.FLOAT, new long[] {weights[n - 1].size(0), padded}, 'f');
            w.get(NDArrayIndex.all(), NDArrayIndex.interval(0, classes)).assign(weights[n - 1]);
            INDArray b = Nd4j.valueArrayOf(new long[] {padded}, PAD_BIAS, DataType.FLOAT);
            b.get(NDArrayIndex.interval(0, classes)).assign(biases[n - 1]);
            weights[n - 1] = w;
            biases[n - 1] = b;
            units[n - 1] = padded;
        }
        identityOutput = net.outputActivation instanceof ActivationIdentity;
        acts = new DataBuffer[n];
    }

    int classes() {
        return classes;
    }

    /**
     * The input of the next {@link #run}: a row-major [frames, dim] array on the kept buffer, for the caller to fill
     * (valid until the next call).
     */
    INDArray input(int frames, int dim) {
        if (input == null || input.length() < (long) frames * dim) {
            input = Nd4j.createBufferDetached(new float[Math.max(frames, (int) capacity) * dim]);
        }
        return Nd4j.create(input, new long[] {frames, dim}, new long[] {dim, 1}, 0, 'c', DataType.FLOAT);
    }

    /** What {@link #run} returns per frame. */
    enum Output {
        /** The output layer's own activation: probabilities for softmax, logits for identity. */
        RAW,
        /** Softmax of the logits (a softmax network's output, a student's posteriors at temperature 1). */
        POSTERIORS,
        /** Log softmax of the logits, in one native pass. */
        LOG_POSTERIORS
    }

    /**
     * Runs the network on {@code x} (row-major [frames, in], float; usually from {@link #input}) and returns
     * {@code what}, row-major [frames, classes].
     */
    float[] run(INDArray x, Output what) {
        if (x.ordering() != 'c' || x.dataType() != DataType.FLOAT || x.elementWiseStride() != 1) {
            x = x.castTo(DataType.FLOAT).dup('c');
        }
        int frames = (int) x.size(0);
        ensureCapacity(frames);
        INDArray in = x.transpose();
        for (int i = 0; i < weights.length; i++) {
            INDArray out = Nd4j.create(
                    acts[i], new long[] {units[i], frames}, new long[] {1, units[i]}, 0, 'f', DataType.FLOAT);
            in = MlpForward.layer(weights[i], biases[i], net.relu[i], in, out);
        }
        INDArray z = in.transpose(); // [frames, padded], row-major
        switch (what) {
            case LOG_POSTERIORS -> Nd4j.exec(new LogSoftMax(z, z));
            case POSTERIORS -> Nd4j.exec(new SoftMax(z, z));
            case RAW -> {
                if (!identityOutput) {
                    z = net.outputActivation.getActivation(z, false);
                }
            }
        }
        int stride = units[units.length - 1];
        float[] result = new float[frames * classes];
        FloatBuffer fb = z.data().asNioFloat();
        long base = z.offset();
        for (int t = 0; t < frames; t++) {
            fb.get((int) (base + (long) t * stride), result, t * classes, classes);
        }
        return result;
    }

    private void ensureCapacity(int frames) {
        if (frames > capacity) {
            capacity = Math.max(frames, capacity + capacity / 4);
            for (int i = 0; i < acts.length; i++) {
                acts[i] = Nd4j.createBufferDetached(new float[(int) (units[i] * capacity)]);
            }
        }
    }
}
