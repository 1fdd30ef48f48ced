package org.amdistill.core.table;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Kaldi's CompressedMatrix (matrix/compressed-matrix.cc): format 1 "CM" (one byte per value with per-column
 * percentile headers, for speech features), 2 "CM2" (two bytes), 3 "CM3" (one byte, global range). Kaldi's
 * make_fbank.sh writes these by default; {@code copy-feats --compress=true} writes them.
 */
public final class CompressedMatrix {
    private CompressedMatrix() {}

    /** Decodes the object after its token ("CM", "CM2" or "CM3", already read). */
    static Matrix read(KaldiInput in, String token) throws IOException {
        int format =
                switch (token) {
                    case "CM" -> 1;
                    case "CM2" -> 2;
                    case "CM3" -> 3;
                    default -> throw in.error("not a compressed-matrix token: " + token);
                };
        float min = in.readFloat32();
        float range = in.readFloat32();
        int rows = in.readInt32();
        int cols = in.readInt32();
        if (cols == 0) {
            // Kaldi's test for an empty matrix. Kaldi writes one (CompressedMatrix::Write, data_ == NULL) as "CM "
            // and its whole 20-byte header, format field included, but reads back the 16 bytes after the format
            // field: the last 4 (num_cols = 0) are left over, and Kaldi's own reader takes them into the next key
            // (or stops silently when the empty matrix was the last). Keys never start with a zero byte, so they
            // are skipped here and the next key reads as written.
            in.skipIfZeroBytes(4);
            return new Matrix(0, 0);
        }
        if (rows <= 0 || cols < 0 || (long) rows * cols > Integer.MAX_VALUE) {
            throw in.error("compressed matrix with bad size " + rows + " x " + cols);
        }
        // the data is read before the matrix is allocated: a damaged size fails at the end of the data
        byte[] hdr = format == 1 ? in.readBytes((long) cols * 8, "a compressed matrix") : null;
        byte[] bytes = in.readBytes((long) rows * cols * (format == 2 ? 2 : 1), "a compressed matrix");
        Matrix m = new Matrix(rows, cols);
        float[] d = m.data();
        switch (format) {
            case 1 -> {
                ByteBuffer hb = ByteBuffer.wrap(hdr).order(ByteOrder.LITTLE_ENDIAN);
                for (int c = 0; c < cols; c++) {
                    float p0 = uint16ToFloat(min, range, hb.getShort() & 0xffff);
                    float p25 = uint16ToFloat(min, range, hb.getShort() & 0xffff);
                    float p75 = uint16ToFloat(min, range, hb.getShort() & 0xffff);
                    float p100 = uint16ToFloat(min, range, hb.getShort() & 0xffff);
                    int base = c * rows;
                    for (int r = 0; r < rows; r++) {
                        d[r * cols + c] = charToFloat(p0, p25, p75, p100, bytes[base + r] & 0xff);
                    }
                }
            }
            case 2 -> {
                // as Kaldi's CopyToMat: a float increment from range * (1.0 / 65535.0) in double, then float steps
                // (not Uint16ToFloat, which the column headers use)
                float inc = (float) (range * (1.0 / 65535.0));
                ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < rows * cols; i++) {
                    d[i] = min + (bb.getShort() & 0xffff) * inc;
                }
            }
            default -> {
                float inc = (float) (range * (1.0 / 255.0));
                for (int i = 0; i < rows * cols; i++) {
                    d[i] = min + inc * (bytes[i] & 0xff);
                }
            }
        }
        return m;
    }

    private static float uint16ToFloat(float min, float range, int v) {
        return min + range * 1.52590218966964e-05f * v;
    }

    private static float charToFloat(float p0, float p25, float p75, float p100, int v) {
        // Kaldi's CharToFloat: the product in float, then times a double constant and the sum in double, rounded
        // to float on return (1/63 is not a power of two: float arithmetic throughout differs in the last bit)
        if (v <= 64) {
            return (float) (p0 + (double) ((p25 - p0) * v) * (1 / 64.0));
        } else if (v <= 192) {
            return (float) (p25 + (double) ((p75 - p25) * (v - 64)) * (1 / 128.0));
        } else {
            return (float) (p75 + (double) ((p100 - p75) * (v - 192)) * (1 / 63.0));
        }
    }

    private static int floatToUint16(float min, float range, float value) {
        float f = (value - min) / range;
        if (f > 1.0f) {
            f = 1.0f;
        }
        if (f < 0.0f) {
            f = 0.0f;
        }
        // Kaldi: static_cast<int>(f * 65535 + 0.499), the product in float and the sum in double
        return (int) ((double) (f * 65535) + 0.499);
    }

    private static int floatToChar(float p0, float p25, float p75, float p100, float value) {
        int ans;
        if (value < p25) {
            float f = (value - p0) / (p25 - p0);
            ans = (int) ((double) (f * 64) + 0.5); // as Kaldi's FloatToChar: sum in double
            ans = Math.max(0, Math.min(64, ans));
        } else if (value < p75) {
            float f = (value - p25) / (p75 - p25);
            ans = 64 + (int) ((double) (f * 128) + 0.5);
            ans = Math.max(64, Math.min(192, ans));
        } else {
            float f = (value - p75) / (p100 - p75);
            ans = 192 + (int) ((double) (f * 63) + 0.5);
            ans = Math.max(192, Math.min(255, ans));
        }
        return ans;
    }

    /**
     * Writes {@code m} compressed with Kaldi's automatic method: format 1 (speech features) for more than 8 rows,
     * format 2 (two bytes) otherwise. Binary only, token included.
     */
    public static void write(OutputStream out, Matrix m) throws IOException {
        int rows = m.rows();
        int cols = m.cols();
        if (rows == 0 || cols == 0) {
            // Kaldi's form of an empty compressed matrix: "CM " and a whole GlobalHeader (format, min, range, rows,
            // cols: 20 bytes; Kaldi leaves its format field uninitialised, zero here), see read().
            out.write("CM ".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[20]);
            return;
        }
        int format = rows > 8 ? 1 : 2;
        out.write((format == 1 ? "CM " : "CM2 ").getBytes(StandardCharsets.US_ASCII));
        float[] d = m.data();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : d) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (max == min) {
            max = (float) (min + (1.0 + Math.abs((double) min))); // as Kaldi, in double
        }
        float range = max - min;
        int payload = format == 1 ? cols * 8 + rows * cols : rows * cols * 2;
        ByteBuffer bb = ByteBuffer.allocate(16 + payload).order(ByteOrder.LITTLE_ENDIAN);
        bb.putFloat(min).putFloat(range).putInt(rows).putInt(cols);
        if (format == 2) {
            for (float v : d) {
                bb.putShort((short) floatToUint16(min, range, v));
            }
        } else {
            int[][] hdrs = new int[cols][];
            float[] col = new float[rows];
            for (int c = 0; c < cols; c++) {
                for (int r = 0; r < rows; r++) {
                    col[r] = d[r * cols + c];
                }
                hdrs[c] = columnHeader(min, range, col.clone());
                for (int h : hdrs[c]) {
                    bb.putShort((short) h);
                }
            }
            for (int c = 0; c < cols; c++) {
                int[] h = hdrs[c];
                float p0 = uint16ToFloat(min, range, h[0]);
                float p25 = uint16ToFloat(min, range, h[1]);
                float p75 = uint16ToFloat(min, range, h[2]);
                float p100 = uint16ToFloat(min, range, h[3]);
                for (int r = 0; r < rows; r++) {
                    bb.put((byte) floatToChar(p0, p25, p75, p100, d[r * cols + c]));
                }
            }
        }
        out.write(bb.array());
    }

    /** Kaldi's ComputeColHeader: 0/25/75/100th percentiles, kept strictly increasing. */
    private static int[] columnHeader(float min, float range, float[] sorted) {
        Arrays.sort(sorted);
        int n = sorted.length;
        int p0;
        int p25;
        int p75;
        int p100;
        if (n >= 5) {
            int q = n / 4;
            p0 = Math.min(floatToUint16(min, range, sorted[0]), 65532);
            p25 = Math.min(Math.max(floatToUint16(min, range, sorted[q]), p0 + 1), 65533);
            p75 = Math.min(Math.max(floatToUint16(min, range, sorted[3 * q]), p25 + 1), 65534);
            p100 = Math.max(floatToUint16(min, range, sorted[n - 1]), p75 + 1);
        } else {
            p0 = Math.min(floatToUint16(min, range, sorted[0]), 65532);
            p25 = n > 1 ? Math.min(Math.max(floatToUint16(min, range, sorted[1]), p0 + 1), 65533) : p0 + 1;
            p75 = n > 2 ? Math.min(Math.max(floatToUint16(min, range, sorted[2]), p25 + 1), 65534) : p25 + 1;
            p100 = n > 3 ? Math.max(floatToUint16(min, range, sorted[3]), p75 + 1) : p75 + 1;
        }
        return new int[] {p0, p25, p75, p100};
    }
}
