package org.amdistill.core.table;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A matrix of IEEE 754 half-precision (float16) values: dense soft targets at half the size of float32. Binary form
 * "HM " rows cols then little-endian 16-bit values (an amdistill token; Kaldi has none); text form is Kaldi's
 * text matrix, so {@code ark,t:} output is readable as an ordinary matrix.
 */
public final class HalfMatrix {
    private final int rows;
    private final int cols;
    private final short[] data;

    public HalfMatrix(int rows, int cols, short[] data) {
        if (data.length != (long) rows * cols) {
            throw new IllegalArgumentException(rows + "x" + cols + " half matrix with " + data.length + " values");
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    public static HalfMatrix of(Matrix m) {
        short[] d = new short[m.data().length];
        for (int i = 0; i < d.length; i++) {
            d[i] = toHalf(m.data()[i]);
        }
        return new HalfMatrix(m.rows(), m.cols(), d);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public float get(int r, int c) {
        return toFloat(data[r * cols + c]);
    }

    /** Row {@code r} as floats into {@code dst} from {@code off}. */
    public void fillRow(int r, float[] dst, int off) {
        int o = r * cols;
        for (int c = 0; c < cols; c++) {
            dst[off + c] = toFloat(data[o + c]);
        }
    }

    public Matrix toMatrix() {
        Matrix m = new Matrix(rows, cols);
        for (int r = 0; r < rows; r++) {
            fillRow(r, m.data(), r * cols);
        }
        return m;
    }

    /** float32 to float16, rounding to nearest even; overflow gives infinity, tiny values subnormals or zero. */
    public static short toHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0)); // inf or NaN
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            mant |= 0x800000; // implicit leading one, then shift into a subnormal
            int shift = 14 - e;
            int half = mant >>> shift;
            int rest = mant & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rest > halfway || (rest == halfway && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >>> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
            half++; // may carry into the exponent, which is still correct rounding (up to infinity)
        }
        return (short) (sign | half);
    }

    public static float toFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal (or zero)
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    public static final KaldiCodec<HalfMatrix> CODEC = new KaldiCodec<>() {
        @Override
        public HalfMatrix read(KaldiInput in, boolean binary) throws IOException {
            if (!binary) {
                return of(Codecs.MATRIX.read(in, false));
            }
            in.expectToken("HM");
            int rows = in.readBasicInt32();
            int cols = in.readBasicInt32();
            if (rows < 0 || cols < 0 || (long) rows * cols > Integer.MAX_VALUE) {
                throw in.error("bad half matrix size " + rows + "x" + cols);
            }
            byte[] b = in.readBytes((long) rows * cols * 2, "a half-precision matrix");
            short[] d = new short[rows * cols];
            for (int i = 0; i < d.length; i++) {
                d[i] = (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] & 0xff) << 8);
            }
            return new HalfMatrix(rows, cols, d);
        }

        @Override
        public void write(OutputStream out, HalfMatrix m, boolean binary) throws IOException {
            if (!binary) {
                Codecs.MATRIX.write(out, m.toMatrix(), false);
                return;
            }
            out.write(new byte[] {'H', 'M', ' '});
            Codecs.writeBasicInt32(out, m.rows);
            Codecs.writeBasicInt32(out, m.cols);
            byte[] b = new byte[m.data.length * 2];
            for (int i = 0; i < m.data.length; i++) {
                b[2 * i] = (byte) m.data[i];
                b[2 * i + 1] = (byte) (m.data[i] >>> 8);
            }
            out.write(b);
        }
    };
}
