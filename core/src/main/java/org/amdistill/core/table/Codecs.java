package org.amdistill.core.table;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The Kaldi object types the project reads and writes, each as a {@link KaldiCodec}. */
public final class Codecs {
    private Codecs() {}

    /** Float matrices (Kaldi's BaseFloat matrix): reads FM, DM, CM, CM2, CM3 and text; writes FM or text. */
    public static final KaldiCodec<Matrix> MATRIX = new KaldiCodec<>() {
        @Override
        public Matrix read(KaldiInput in, boolean binary) throws IOException {
            return binary ? readBinaryMatrix(in) : toFloat(readTextMatrix(in));
        }

        @Override
        public void write(OutputStream out, Matrix m, boolean binary) throws IOException {
            if (binary) {
                writeBinaryHeader(out, "FM ", m.rows(), m.cols());
                ByteBuffer bb = ByteBuffer.allocate(m.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
                bb.asFloatBuffer().put(m.data());
                out.write(bb.array());
            } else {
                writeTextMatrix(out, m.rows(), m.cols(), i -> m.data()[i]);
            }
        }
    };

    /** Like {@link #MATRIX} but writes Kaldi's compressed format (as {@code copy-feats --compress=true}); text stays text. */
    public static final KaldiCodec<Matrix> COMPRESSED_MATRIX = new KaldiCodec<>() {
        @Override
        public Matrix read(KaldiInput in, boolean binary) throws IOException {
            return MATRIX.read(in, binary);
        }

        @Override
        public void write(OutputStream out, Matrix m, boolean binary) throws IOException {
            if (binary) {
                CompressedMatrix.write(out, m);
            } else {
                MATRIX.write(out, m, false);
            }
        }
    };

    /** Double matrices (CMVN statistics): reads DM, FM, compressed and text; writes DM or text. */
    public static final KaldiCodec<DoubleMatrix> DOUBLE_MATRIX = new KaldiCodec<>() {
        @Override
        public DoubleMatrix read(KaldiInput in, boolean binary) throws IOException {
            if (!binary) {
                return readTextMatrix(in);
            }
            long at = in.position();
            String tok = in.readToken();
            if ("DM".equals(tok)) {
                int rows = in.readBasicInt32();
                int cols = in.readBasicInt32();
                checkSize(in, rows, cols, at);
                byte[] b = in.readBytes((long) rows * cols * 8, "a double matrix");
                double[] d = new double[rows * cols];
                ByteBuffer.wrap(b)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .asDoubleBuffer()
                        .get(d);
                return new DoubleMatrix(rows, cols, d);
            }
            Matrix f = readBinaryMatrixAfterToken(in, tok, at);
            double[] d = new double[f.data().length];
            for (int i = 0; i < d.length; i++) {
                d[i] = f.data()[i];
            }
            return new DoubleMatrix(f.rows(), f.cols(), d);
        }

        @Override
        public void write(OutputStream out, DoubleMatrix m, boolean binary) throws IOException {
            if (binary) {
                writeBinaryHeader(out, "DM ", m.rows(), m.cols());
                ByteBuffer bb = ByteBuffer.allocate(m.data().length * 8).order(ByteOrder.LITTLE_ENDIAN);
                bb.asDoubleBuffer().put(m.data());
                out.write(bb.array());
            } else {
                writeTextMatrix(out, m.rows(), m.cols(), i -> m.data()[i]);
            }
        }
    };

    /** Float vectors: reads FV, DV and text; writes FV or text. */
    public static final KaldiCodec<float[]> FLOAT_VECTOR = new KaldiCodec<>() {
        @Override
        public float[] read(KaldiInput in, boolean binary) throws IOException {
            double[] d = DOUBLE_VECTOR.read(in, binary);
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }

        @Override
        public void write(OutputStream out, float[] v, boolean binary) throws IOException {
            if (binary) {
                out.write("FV ".getBytes(StandardCharsets.US_ASCII));
                writeBasicInt32(out, v.length);
                ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                bb.asFloatBuffer().put(v);
                out.write(bb.array());
            } else {
                writeTextVector(out, v.length, i -> v[i]);
            }
        }
    };

    /** Double vectors: reads DV, FV and text; writes DV or text. */
    public static final KaldiCodec<double[]> DOUBLE_VECTOR = new KaldiCodec<>() {
        @Override
        public double[] read(KaldiInput in, boolean binary) throws IOException {
            if (!binary) {
                DoubleMatrix m = readTextBracketed(in, true);
                return m.data();
            }
            long at = in.position();
            String tok = in.readToken();
            boolean isDouble = "DV".equals(tok);
            if (!isDouble && !"FV".equals(tok)) {
                throw new IOException(
                        "expected vector token FV or DV, got '" + tok + "' (" + in.name() + " at byte " + at + ")");
            }
            int n = in.readBasicInt32();
            if (n < 0) {
                throw new IOException("vector with negative size " + n + " (" + in.name() + " at byte " + at + ")");
            }
            byte[] b = in.readBytes((long) n * (isDouble ? 8 : 4), "a vector");
            double[] d = new double[n];
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                d[i] = isDouble ? bb.getDouble() : bb.getFloat();
            }
            return d;
        }

        @Override
        public void write(OutputStream out, double[] v, boolean binary) throws IOException {
            if (binary) {
                out.write("DV ".getBytes(StandardCharsets.US_ASCII));
                writeBasicInt32(out, v.length);
                ByteBuffer bb = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                bb.asDoubleBuffer().put(v);
                out.write(bb.array());
            } else {
                writeTextVector(out, v.length, i -> v[i]);
            }
        }
    };

    /**
     * Integer vectors as Kaldi's Int32VectorHolder (alignments, phone sequences): binary is a size then each value
     * as a basic int32; text is the values on one line, each followed by a space.
     */
    public static final KaldiCodec<int[]> INT_VECTOR = new KaldiCodec<>() {
        @Override
        public int[] read(KaldiInput in, boolean binary) throws IOException {
            if (binary) {
                long at = in.position();
                int n = in.readBasicInt32();
                if (n < 0) {
                    throw new IOException(
                            "int vector with negative size " + n + " (" + in.name() + " at byte " + at + ")");
                }
                byte[] b = in.readBytes((long) n * 5, "an int vector");
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    int o = i * 5;
                    if (b[o] != 4) {
                        throw new IOException("int vector element " + i + ": size byte " + b[o] + " (expected 4) ("
                                + in.name() + " near byte " + (at + 5 + o) + ")");
                    }
                    v[i] = (b[o + 1] & 0xff)
                            | (b[o + 2] & 0xff) << 8
                            | (b[o + 3] & 0xff) << 16
                            | (b[o + 4] & 0xff) << 24;
                }
                return v;
            }
            long at = in.position();
            String line = in.readLine();
            if (line == null) {
                throw new IOException(
                        "unexpected end of file reading an int vector (" + in.name() + " at byte " + at + ")");
            }
            String s = line.strip();
            if (s.isEmpty()) {
                return new int[0];
            }
            String[] parts = s.split("\\s+");
            int[] v = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    v[i] = Integer.parseInt(parts[i]);
                } catch (NumberFormatException e) {
                    throw new IOException(
                            "bad integer '" + parts[i] + "' in int vector (" + in.name() + " at byte " + at + ")");
                }
            }
            return v;
        }

        @Override
        public void write(OutputStream out, int[] v, boolean binary) throws IOException {
            if (binary) {
                ByteBuffer bb = ByteBuffer.allocate(5 + v.length * 5).order(ByteOrder.LITTLE_ENDIAN);
                bb.put((byte) 4).putInt(v.length);
                for (int x : v) {
                    bb.put((byte) 4).putInt(x);
                }
                out.write(bb.array());
            } else {
                StringBuilder sb = new StringBuilder(v.length * 4 + 1);
                for (int x : v) {
                    sb.append(x).append(' ');
                }
                sb.append('\n');
                out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
            }
        }
    };

    // ---- helpers ---------------------------------------------------------------------------------------------

    private interface Values {
        double get(int i);
    }

    static void writeBasicInt32(OutputStream out, int v) throws IOException {
        out.write(new byte[] {4, (byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
    }

    private static void writeBinaryHeader(OutputStream out, String token, int rows, int cols) throws IOException {
        out.write(token.getBytes(StandardCharsets.US_ASCII));
        writeBasicInt32(out, rows);
        writeBasicInt32(out, cols);
    }

    private static void writeTextMatrix(OutputStream out, int rows, int cols, Values v) throws IOException {
        StringBuilder sb = new StringBuilder();
        if (cols == 0) {
            sb.append(" [ ]\n");
        } else {
            sb.append(" [");
            for (int r = 0; r < rows; r++) {
                sb.append("\n  ");
                for (int c = 0; c < cols; c++) {
                    sb.append(TextFormat.formatG(v.get(r * cols + c))).append(' ');
                }
            }
            sb.append("]\n");
        }
        out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void writeTextVector(OutputStream out, int n, Values v) throws IOException {
        StringBuilder sb = new StringBuilder(" [ ");
        for (int i = 0; i < n; i++) {
            sb.append(TextFormat.formatG(v.get(i))).append(' ');
        }
        sb.append("]\n");
        out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void checkSize(KaldiInput in, int rows, int cols, long at) throws IOException {
        if (rows < 0 || cols < 0 || (long) rows * cols > Integer.MAX_VALUE / 8) {
            throw new IOException(
                    "matrix header with bad size " + rows + " x " + cols + " (" + in.name() + " at byte " + at + ")");
        }
    }

    private static Matrix readBinaryMatrix(KaldiInput in) throws IOException {
        long at = in.position();
        return readBinaryMatrixAfterToken(in, in.readToken(), at);
    }

    private static Matrix readBinaryMatrixAfterToken(KaldiInput in, String tok, long at) throws IOException {
        if (tok == null) {
            throw new IOException(
                    "unexpected end of file where a matrix was expected (" + in.name() + " at byte " + at + ")");
        }
        switch (tok) {
            case "FM", "DM" -> {
                boolean dbl = tok.equals("DM");
                int rows = in.readBasicInt32();
                int cols = in.readBasicInt32();
                checkSize(in, rows, cols, at);
                int n = rows * cols;
                byte[] b = in.readBytes((long) n * (dbl ? 8 : 4), "a matrix");
                float[] d = new float[n];
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                if (dbl) {
                    for (int i = 0; i < n; i++) {
                        d[i] = (float) bb.getDouble();
                    }
                } else {
                    bb.asFloatBuffer().get(d);
                }
                return new Matrix(rows, cols, d);
            }
            case "CM", "CM2", "CM3" -> {
                return CompressedMatrix.read(in, tok);
            }
            default -> throw new IOException("expected a matrix (FM, DM, CM, CM2, CM3), got token '" + tok + "' ("
                    + in.name() + " at byte " + at + ")");
        }
    }

    private static Matrix toFloat(DoubleMatrix m) {
        float[] f = new float[m.data().length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) m.data()[i];
        }
        return new Matrix(m.rows(), m.cols(), f);
    }

    private static DoubleMatrix readTextMatrix(KaldiInput in) throws IOException {
        return readTextBracketed(in, false);
    }

    /** Parses "[ rows... ]" where newlines separate rows (a vector when {@code vector}: one row, newlines ignored). */
    private static DoubleMatrix readTextBracketed(KaldiInput in, boolean vector) throws IOException {
        in.skipWhitespace();
        long at = in.position();
        int open = in.read();
        if (open != '[') {
            throw new IOException("expected '[' to start a text " + (vector ? "vector" : "matrix") + ", got "
                    + (open < 0 ? "end of file" : "'" + (char) open + "'") + " (" + in.name() + " at byte " + at + ")");
        }
        List<double[]> rows = new ArrayList<>();
        List<Double> cur = new ArrayList<>();
        StringBuilder tok = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of file inside a text matrix begun at byte " + at + " (" + in.name() + ")");
            }
            if (b == ']' || Character.isWhitespace(b)) {
                if (tok.length() > 0) {
                    try {
                        cur.add(TextFormat.parse(tok.toString()));
                    } catch (NumberFormatException e) {
                        throw new IOException("bad number '" + tok + "' in text matrix (" + in.where() + ")");
                    }
                    tok.setLength(0);
                }
                if ((b == '\n' && !vector) || b == ']') {
                    if (!cur.isEmpty()) {
                        double[] r = new double[cur.size()];
                        for (int i = 0; i < r.length; i++) {
                            r[i] = cur.get(i);
                        }
                        rows.add(r);
                        cur.clear();
                    }
                }
                if (b == ']') {
                    break;
                }
            } else {
                tok.append((char) b);
            }
        }
        if (vector) {
            return new DoubleMatrix(
                    1, rows.isEmpty() ? 0 : rows.get(0).length, rows.isEmpty() ? new double[0] : rows.get(0));
        }
        int cols = rows.isEmpty() ? 0 : rows.get(0).length;
        double[] d = new double[rows.size() * cols];
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).length != cols) {
                throw new IOException("text matrix begun at byte " + at + " has rows of different lengths (" + cols
                        + " and " + rows.get(r).length + ") (" + in.name() + ")");
            }
            System.arraycopy(rows.get(r), 0, d, r * cols, cols);
        }
        return new DoubleMatrix(rows.size(), cols, d);
    }
}
