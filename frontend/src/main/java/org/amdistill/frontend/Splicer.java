package org.amdistill.frontend;

import java.nio.FloatBuffer;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Matrix;

/**
 * Context windows: frame t becomes frames t-left .. t+right concatenated, the first and last frames repeated at the
 * edges (Kaldi's splice-feats). The window may be asymmetric: the paper uses 20 left and 5 right. Training splices
 * on the fly into a caller's buffer, so spliced matrices are never stored.
 */
public final class Splicer {
    private final int left;
    private final int right;

    public Splicer(int left, int right) {
        if (left < 0 || right < 0) {
            throw new AmdException("--left-context and --right-context must be >= 0, got " + left + " and " + right);
        }
        this.left = left;
        this.right = right;
    }

    public int left() {
        return left;
    }

    public int right() {
        return right;
    }

    public int width() {
        return left + 1 + right;
    }

    public int outputDim(int inputDim) {
        return width() * inputDim;
    }

    /** Writes the context window of frame {@code t} of {@code feats} into {@code out[offset..offset+outputDim)}. */
    public void spliceFrame(Matrix feats, int t, float[] out, int offset) {
        int dim = feats.cols();
        int last = feats.rows() - 1;
        float[] d = feats.data();
        int o = offset;
        for (int k = -left; k <= right; k++) {
            System.arraycopy(d, clamp(t + k, last) * dim, out, o, dim);
            o += dim;
        }
    }

    /** Writes every frame's context window into {@code out} from index 0, row-major: a native array's buffer, say. */
    public void splice(Matrix feats, FloatBuffer out) {
        int dim = feats.cols();
        int last = feats.rows() - 1;
        float[] d = feats.data();
        int o = 0;
        for (int t = 0; t <= last; t++) {
            for (int k = -left; k <= right; k++) {
                out.put(o, d, clamp(t + k, last) * dim, dim);
                o += dim;
            }
        }
    }

    /** The frame that stands for frame {@code t}: the first or last one past the edges. */
    private static int clamp(int t, int last) {
        return Math.min(Math.max(t, 0), last);
    }

    public Matrix splice(Matrix feats) {
        Matrix out = new Matrix(feats.rows(), outputDim(feats.cols()));
        for (int t = 0; t < feats.rows(); t++) {
            spliceFrame(feats, t, out.data(), t * out.cols());
        }
        return out;
    }
}
