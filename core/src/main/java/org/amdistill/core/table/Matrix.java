package org.amdistill.core.table;

import java.util.Arrays;

/**
 * A dense float matrix in row-major order: Kaldi's {@code Matrix<BaseFloat>}, one row per frame. Feature
 * matrices, posteriors and spliced frames are all Matrices; the backing array is exposed for speed.
 */
public final class Matrix {
    private final int rows;
    private final int cols;
    private final float[] data;

    public Matrix(int rows, int cols) {
        this(rows, cols, new float[checkedSize(rows, cols)]);
    }

    public Matrix(int rows, int cols, float[] data) {
        if (data.length != checkedSize(rows, cols)) {
            throw new IllegalArgumentException("data length " + data.length + " != " + rows + " x " + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    private static int checkedSize(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative dimension " + rows + " x " + cols);
        }
        return Math.multiplyExact(rows, cols);
    }

    public static Matrix fromRows(float[][] r) {
        int cols = r.length == 0 ? 0 : r[0].length;
        Matrix m = new Matrix(r.length, cols);
        for (int i = 0; i < r.length; i++) {
            if (r[i].length != cols) {
                throw new IllegalArgumentException(
                        "ragged rows: row " + i + " has " + r[i].length + " columns, expected " + cols);
            }
            System.arraycopy(r[i], 0, m.data, i * cols, cols);
        }
        return m;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The backing row-major array (not a copy). */
    public float[] data() {
        return data;
    }

    public float get(int r, int c) {
        return data[r * cols + c];
    }

    public void set(int r, int c, float v) {
        data[r * cols + c] = v;
    }

    /** A copy of row {@code r}. */
    public float[] row(int r) {
        return Arrays.copyOfRange(data, r * cols, (r + 1) * cols);
    }

    public Matrix copy() {
        return new Matrix(rows, cols, data.clone());
    }

    /** Rows {@code [from, to)} as a new matrix. */
    public Matrix rowRange(int from, int to) {
        return new Matrix(to - from, cols, Arrays.copyOfRange(data, from * cols, to * cols));
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Matrix[" + rows + " x " + cols + "]";
    }
}
