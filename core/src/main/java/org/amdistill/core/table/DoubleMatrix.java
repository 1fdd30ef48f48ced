package org.amdistill.core.table;

import java.util.Arrays;

/** A dense double matrix in row-major order: Kaldi's {@code Matrix<double>} (CMVN statistics, accumulators). */
public final class DoubleMatrix {
    private final int rows;
    private final int cols;
    private final double[] data;

    public DoubleMatrix(int rows, int cols) {
        this(rows, cols, new double[Math.multiplyExact(rows, cols)]);
    }

    public DoubleMatrix(int rows, int cols, double[] data) {
        if (rows < 0 || cols < 0 || data.length != (long) rows * cols) {
            throw new IllegalArgumentException("data length " + data.length + " != " + rows + " x " + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public double[] data() {
        return data;
    }

    public double get(int r, int c) {
        return data[r * cols + c];
    }

    public void set(int r, int c, double v) {
        data[r * cols + c] = v;
    }

    public void add(int r, int c, double v) {
        data[r * cols + c] += v;
    }

    public DoubleMatrix copy() {
        return new DoubleMatrix(rows, cols, data.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DoubleMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "DoubleMatrix[" + rows + " x " + cols + "]";
    }
}
