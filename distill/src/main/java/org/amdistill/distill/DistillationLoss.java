package org.amdistill.distill;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Hinton, Vinyals and Dean's distillation loss on the raw logits z of an identity output layer:
 * {@code T^2 * CE(p, softmax(z / T)) + w * CE(y, softmax(z))}, with p the teacher's soft targets at temperature T
 * and y the hard label (all zeros for an unlabelled frame). Its gradient is
 * {@code T * (softmax(z/T) - p) + w * (softmax(z) - y)}: the T^2 keeps the soft term's gradient on the same scale
 * as T changes. With {@code logitMatching} the soft term is instead Caruana et al.'s squared error
 * {@code 0.5 * |z - v|^2} against the teacher's logits v, the large-T limit of distillation.
 *
 * <p>Labels are {@code [p | y]}, 2N columns for N classes. The loss serialises with the model.
 */
public final class DistillationLoss implements ILossFunction {
    @JsonProperty("temperature")
    private double temperature;

    @JsonProperty("hardWeight")
    private double hardWeight;

    @JsonProperty("logitMatching")
    private boolean logitMatching;

    public DistillationLoss() {
        this(1.0, 0.0, false);
    }

    public DistillationLoss(
            @JsonProperty("temperature") double temperature,
            @JsonProperty("hardWeight") double hardWeight,
            @JsonProperty("logitMatching") boolean logitMatching) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        if (hardWeight < 0) {
            throw new IllegalArgumentException("hard-label weight must be >= 0, got " + hardWeight);
        }
        this.temperature = temperature;
        this.hardWeight = hardWeight;
        this.logitMatching = logitMatching;
    }

    public double temperature() {
        return temperature;
    }

    public double hardWeight() {
        return hardWeight;
    }

    public boolean logitMatching() {
        return logitMatching;
    }

    /** Per-example loss and, if {@code grad} is non-null, dL/dz into it (row-major, N columns). */
    public double[] lossAndGradient(float[][] z, float[][] labels, float[][] grad) {
        int b = z.length;
        double[] loss = new double[b];
        double t = temperature;
        for (int e = 0; e < b; e++) {
            float[] ze = z[e];
            int n = ze.length;
            float[] lab = labels[e];
            double l = 0;
            double[] qT = softmax(ze, t);
            double[] q1 = softmax(ze, 1.0);
            double sumP = 0;
            double sumY = 0;
            for (int i = 0; i < n; i++) {
                sumP += lab[i];
                sumY += lab[n + i];
            }
            for (int i = 0; i < n; i++) {
                double p = lab[i];
                double y = lab[n + i];
                double g = 0;
                if (logitMatching) {
                    double d = ze[i] - p;
                    l += 0.5 * d * d;
                    g += d;
                } else if (p > 0) {
                    l -= t * t * p * Math.log(Math.max(qT[i], 1e-30));
                }
                if (!logitMatching) {
                    g += t * (qT[i] * sumP - p);
                }
                if (hardWeight > 0) {
                    if (y > 0) {
                        l -= hardWeight * y * Math.log(Math.max(q1[i], 1e-30));
                    }
                    g += hardWeight * (q1[i] * sumY - y);
                }
                if (grad != null) {
                    grad[e][i] = (float) g;
                }
            }
            loss[e] = l;
        }
        return loss;
    }

    static double[] softmax(float[] z, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v / t);
        }
        double[] q = new double[z.length];
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            q[i] = Math.exp(z[i] / t - max);
            s += q[i];
        }
        for (int i = 0; i < z.length; i++) {
            q[i] /= s;
        }
        return q;
    }

    /**
     * Per-example scores [B, 1] and, if {@code gradOut} is non-null, dL/dz into it: the vectorised form of
     * {@link #lossAndGradient} (which stays as the plain reference the tests compare with).
     */
    private INDArray scores(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask, INDArray gradOut) {
        INDArray z = fn.getActivation(preOutput.dup(), true);
        long n = z.size(1);
        if (labels.size(1) != 2 * n) {
            throw new IllegalStateException("distillation labels must have 2 x " + n
                    + " columns (soft targets | hard label), got " + labels.size(1));
        }
        INDArray soft =
                labels.get(NDArrayIndex.all(), NDArrayIndex.interval(0, n)).castTo(z.dataType());
        INDArray hard =
                labels.get(NDArrayIndex.all(), NDArrayIndex.interval(n, 2 * n)).castTo(z.dataType());
        double t = temperature;
        INDArray score;
        INDArray grad = null;
        if (logitMatching) {
            INDArray d = z.sub(soft);
            score = d.mul(d).sum(true, 1).muli(0.5);
            if (gradOut != null) {
                grad = d;
            }
        } else {
            INDArray logQt = logSoftmax(z.div(t));
            score = soft.mul(logQt).sum(true, 1).muli(-t * t);
            if (gradOut != null) {
                INDArray qT = Transforms.exp(logQt, true);
                grad = qT.mulColumnVector(soft.sum(true, 1)).subi(soft).muli(t);
            }
        }
        if (hardWeight > 0) {
            INDArray logQ = logSoftmax(z.dup());
            score.addi(hard.mul(logQ).sum(true, 1).muli(-hardWeight));
            if (gradOut != null) {
                INDArray q = Transforms.exp(logQ, true);
                grad.addi(q.mulColumnVector(hard.sum(true, 1)).subi(hard).muli(hardWeight));
            }
        }
        if (mask != null) {
            score.muliColumnVector(mask.castTo(score.dataType()).reshape(-1, 1));
        }
        if (gradOut != null) {
            gradOut.assign(grad);
        }
        return score.reshape(-1, 1);
    }

    /** Row-wise log softmax, in place (numerically stable). */
    private static INDArray logSoftmax(INDArray x) {
        x.subiColumnVector(x.max(true, 1));
        INDArray lse = Transforms.log(Transforms.exp(x, true).sum(true, 1), false);
        return x.subiColumnVector(lse);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask, boolean average) {
        double s = scores(labels, preOutput, fn, mask, null).sumNumber().doubleValue();
        return average ? s / preOutput.size(0) : s;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask) {
        return scores(labels, preOutput, fn, mask, null);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask) {
        INDArray dLdOut = Nd4j.zeros(preOutput.dataType(), preOutput.shape());
        scores(labels, preOutput, fn, mask, dLdOut);
        INDArray grad = fn.backprop(preOutput.dup(), dLdOut).getFirst();
        if (mask != null) {
            grad.muliColumnVector(mask.castTo(grad.dataType()).reshape(-1, 1));
        }
        return grad;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(
            INDArray labels, INDArray preOutput, IActivation fn, INDArray mask, boolean average) {
        return new Pair<>(
                computeScore(labels, preOutput, fn, mask, average), computeGradient(labels, preOutput, fn, mask));
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return "DistillationLoss(T=" + temperature + ", w=" + hardWeight + (logitMatching ? ", logit matching" : "")
                + ")";
    }
}
