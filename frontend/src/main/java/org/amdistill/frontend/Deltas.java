package org.amdistill.frontend;

import org.amdistill.core.table.Matrix;

/**
 * Delta and acceleration features as Kaldi's add-deltas computes them: each order is a regression over
 * +-window frames of the previous order (edges repeated), the scales convolved so that order 2 is a window of
 * 2 * window + 1 around the first-order filter.
 */
public final class Deltas {
    private final int order;
    private final float[][] scales;

    public Deltas(int order, int window) {
        this.order = order;
        scales = new float[order + 1][];
        scales[0] = new float[] {1f};
        for (int i = 1; i <= order; i++) {
            float[] prev = scales[i - 1];
            int prevOffset = (prev.length - 1) / 2;
            int curOffset = prevOffset + window;
            float[] cur = new float[prev.length + 2 * window];
            double normaliser = 0;
            for (int j = -window; j <= window; j++) {
                normaliser += j * j;
                for (int k = -prevOffset; k <= prevOffset; k++) {
                    cur[j + k + curOffset] += (float) (j * prev[k + prevOffset]);
                }
            }
            for (int k = 0; k < cur.length; k++) {
                cur[k] = (float) (cur[k] / normaliser);
            }
            scales[i] = cur;
        }
    }

    public Matrix apply(Matrix in) {
        int dim = in.cols();
        int rows = in.rows();
        Matrix out = new Matrix(rows, dim * (order + 1));
        float[] o = out.data();
        float[] d = in.data();
        for (int t = 0; t < rows; t++) {
            for (int i = 0; i <= order; i++) {
                float[] s = scales[i];
                int maxOffset = (s.length - 1) / 2;
                int dst = t * out.cols() + i * dim;
                for (int j = -maxOffset; j <= maxOffset; j++) {
                    int src = Math.min(Math.max(t + j, 0), rows - 1);
                    float sc = s[j + maxOffset];
                    if (sc != 0f) {
                        for (int c = 0; c < dim; c++) {
                            o[dst + c] += sc * d[src * dim + c];
                        }
                    }
                }
            }
        }
        return out;
    }
}
