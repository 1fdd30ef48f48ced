package org.amdistill.frontend;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.amdistill.core.table.Matrix;

/**
 * Kaldi's sliding-window cepstral mean (and variance) normalisation, {@code apply-cmvn-sliding}
 * (feat/feature-functions.cc, SlidingWindowCmn), computed frame by frame as frames arrive: frame t is normalised by
 * the statistics of a window around it, kept as running double sums as Kaldi keeps them. It is emitted as
 * soon as its window is complete (at most {@code --min-cmn-window} frames ahead at the start without
 * {@code --center}, none later; half the window with it) or at {@link #finish()}. Whole utterances go through the
 * same code ({@link #apply}), so streamed and batch output are equal to the bit.
 */
public final class SlidingCmn {
    private final SlidingCmnOptions opts;
    private final int dim;
    private final ArrayDeque<double[]> frames = new ArrayDeque<>(); // frames firstKept .. received-1
    private int firstKept;
    private int received;
    private int nextOut;
    private boolean finished;
    private int lastStart = -1;
    private int lastEnd = -1;
    private final double[] sum;
    private final double[] sumsq;

    public SlidingCmn(SlidingCmnOptions opts, int dim) {
        opts.validate();
        this.opts = opts;
        this.dim = dim;
        this.sum = new double[dim];
        this.sumsq = new double[dim];
    }

    /** Normalises a whole utterance (Kaldi's apply-cmvn-sliding on one matrix); an empty matrix stays empty. */
    public static Matrix apply(SlidingCmnOptions opts, Matrix feats) {
        SlidingCmn s = new SlidingCmn(opts, feats.cols());
        List<float[]> out = new ArrayList<>(feats.rows());
        for (int t = 0; t < feats.rows(); t++) {
            float[] row = new float[feats.cols()];
            System.arraycopy(feats.data(), t * feats.cols(), row, 0, row.length);
            out.addAll(s.accept(row));
        }
        out.addAll(s.finish());
        Matrix m = new Matrix(feats.rows(), feats.cols());
        for (int t = 0; t < out.size(); t++) {
            System.arraycopy(out.get(t), 0, m.data(), t * feats.cols(), feats.cols());
        }
        return m;
    }

    /** Adds one frame; returns the frames whose normalisation is now known, in order. */
    public List<float[]> accept(float[] frame) {
        if (finished) {
            throw new IllegalStateException("sliding CMN: frame given after finish()");
        }
        double[] d = new double[dim];
        for (int c = 0; c < dim; c++) {
            d[c] = frame[c];
        }
        frames.addLast(d);
        received++;
        return drain();
    }

    /** No more frames: returns the rest, their windows cut at the end as Kaldi cuts them. */
    public List<float[]> finish() {
        finished = true;
        return drain();
    }

    /** Frames seen but not yet emitted. */
    public int pending() {
        return received - nextOut;
    }

    private List<float[]> drain() {
        List<float[]> out = new ArrayList<>();
        while (nextOut < received) {
            int[] w = window(nextOut, finished ? received : Integer.MAX_VALUE);
            if (!finished && w[1] > received) {
                break;
            }
            out.add(normalise(nextOut, w[0], w[1]));
            nextOut++;
        }
        // frames before the window's start are never needed again
        while (firstKept < Math.min(lastStart, nextOut) && firstKept < received - 1) {
            frames.removeFirst();
            firstKept++;
        }
        return out;
    }

    /** Kaldi's window [start, end) for frame t of an utterance of {@code numFrames} (MAX_VALUE: not yet known). */
    private int[] window(int t, int numFrames) {
        int start;
        int end;
        if (opts.center) {
            start = t - opts.cmnWindow / 2;
            end = start + opts.cmnWindow;
        } else {
            start = t - opts.cmnWindow;
            end = t + 1;
        }
        if (start < 0) {
            end -= start;
            start = 0;
        }
        if (!opts.center && end > t) {
            end = Math.max(t + 1, opts.minWindow);
        }
        if (end > numFrames) {
            start -= end - numFrames;
            end = numFrames;
            if (start < 0) {
                start = 0;
            }
        }
        return new int[] {start, end};
    }

    private double[] frame(int t) {
        // the deque holds frames firstKept..received-1; t is near either end, and windows are short
        int i = t - firstKept;
        var it = i < frames.size() / 2 ? frames.iterator() : frames.descendingIterator();
        int steps = i < frames.size() / 2 ? i : frames.size() - 1 - i;
        double[] f = it.next();
        for (int k = 0; k < steps; k++) {
            f = it.next();
        }
        return f;
    }

    private float[] normalise(int t, int start, int end) {
        if (lastStart == -1) {
            for (int r = start; r < end; r++) {
                add(frame(r), 1.0);
            }
        } else {
            if (start > lastStart) {
                add(frame(lastStart), -1.0);
            }
            if (end > lastEnd) {
                add(frame(lastEnd), 1.0);
            }
        }
        lastStart = start;
        lastEnd = end;
        int n = end - start;
        double[] x = frame(t);
        float[] out = new float[dim];
        double alpha = -1.0 / n;
        for (int c = 0; c < dim; c++) {
            double v = x[c] + alpha * sum[c];
            if (opts.normVars) {
                if (n == 1) {
                    v = 0.0;
                } else {
                    double var = sumsq[c] * (1.0 / n) + (-1.0 / ((double) n * n)) * sum[c] * sum[c];
                    v *= Math.pow(Math.max(var, 1.0e-10), -0.5);
                }
            }
            out[c] = (float) v;
        }
        return out;
    }

    private void add(double[] f, double scale) {
        for (int c = 0; c < dim; c++) {
            sum[c] += scale * f[c];
            sumsq[c] += scale * f[c] * f[c];
        }
    }
}
