package org.amdistill.core.table;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Kaldi's {@code Posterior}: per frame, a list of (class id, weight) pairs. Sparse soft targets are stored in it,
 * so Kaldi's own tools ({@code copy-post}, {@code post-to-feats}) read them.
 */
@SuppressWarnings("ArrayRecordComponent") // arrays for speed: equals and hashCode see them by identity
public record Posterior(int[][] ids, float[][] weights) {
    public int numFrames() {
        return ids.length;
    }

    /** Frame {@code t} as a dense row of {@code dim} values (classes not listed are 0). */
    public void fillDense(int t, float[] dst, int off, int dim) {
        Arrays.fill(dst, off, off + dim, 0f);
        int[] id = ids[t];
        float[] w = weights[t];
        for (int i = 0; i < id.length; i++) {
            dst[off + id[i]] += w[i];
        }
    }

    /** Binary: int32 frame count, then per frame an int32 pair count and (int32 id, float weight) pairs; text: "[ id w ... ]" per frame. */
    public static final KaldiCodec<Posterior> CODEC = new KaldiCodec<>() {
        @Override
        public Posterior read(KaldiInput in, boolean binary) throws IOException {
            return binary ? readBinary(in) : readText(in);
        }

        @Override
        public void write(OutputStream out, Posterior p, boolean binary) throws IOException {
            if (binary) {
                Codecs.writeBasicInt32(out, p.numFrames());
                for (int t = 0; t < p.numFrames(); t++) {
                    Codecs.writeBasicInt32(out, p.ids[t].length);
                    for (int i = 0; i < p.ids[t].length; i++) {
                        Codecs.writeBasicInt32(out, p.ids[t][i]);
                        out.write(4);
                        int bits = Float.floatToIntBits(p.weights[t][i]);
                        out.write(
                                new byte[] {(byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24)
                                });
                    }
                }
            } else {
                StringBuilder sb = new StringBuilder();
                for (int t = 0; t < p.numFrames(); t++) {
                    sb.append(t == 0 ? "[ " : " [ ");
                    for (int i = 0; i < p.ids[t].length; i++) {
                        sb.append(p.ids[t][i])
                                .append(' ')
                                .append(TextFormat.formatG(p.weights[t][i]))
                                .append(' ');
                    }
                    sb.append(']');
                }
                sb.append('\n');
                out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
            }
        }
    };

    private static Posterior readBinary(KaldiInput in) throws IOException {
        int frames = in.readBasicInt32();
        if (frames < 0) {
            throw in.error("negative frame count " + frames + " in a posterior");
        }
        // lists, not arrays of the claimed sizes: a damaged count fails at the end of the data, not in allocation
        List<int[]> ids = new ArrayList<>();
        List<float[]> ws = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            int n = in.readBasicInt32();
            if (n < 0) {
                throw in.error("negative pair count " + n + " at frame " + t + " of a posterior");
            }
            ByteBuffer pairs = ByteBuffer.wrap(in.readBytes(10L * n, "a posterior's frame " + t))
                    .order(ByteOrder.LITTLE_ENDIAN);
            int[] id = new int[n];
            float[] w = new float[n];
            for (int i = 0; i < n; i++) {
                if (pairs.get() != 4) {
                    throw in.error("frame " + t + " of a posterior: expected an int32 pdf id (size byte 4)");
                }
                id[i] = pairs.getInt();
                if (pairs.get() != 4) {
                    throw in.error("frame " + t + " of a posterior: expected a float32 weight (size byte 4)");
                }
                w[i] = pairs.getFloat();
            }
            ids.add(id);
            ws.add(w);
        }
        return new Posterior(ids.toArray(new int[0][]), ws.toArray(new float[0][]));
    }

    private static Posterior readText(KaldiInput in) throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw in.error("end of input where a posterior was expected");
        }
        List<int[]> ids = new ArrayList<>();
        List<float[]> ws = new ArrayList<>();
        String[] tok = line.trim().isEmpty() ? new String[0] : line.trim().split("\\s+");
        int i = 0;
        while (i < tok.length) {
            if (!tok[i].equals("[")) {
                throw in.error("expected '[' in a text posterior, got '" + tok[i] + "'");
            }
            i++;
            List<String> body = new ArrayList<>();
            while (i < tok.length && !tok[i].equals("]")) {
                body.add(tok[i++]);
            }
            if (i == tok.length || body.size() % 2 != 0) {
                throw in.error("a text posterior frame must be '[ id weight ... ]'");
            }
            i++;
            int[] id = new int[body.size() / 2];
            float[] w = new float[id.length];
            for (int k = 0; k < id.length; k++) {
                try {
                    id[k] = Integer.parseInt(body.get(2 * k));
                    w[k] = (float) TextFormat.parse(body.get(2 * k + 1));
                } catch (RuntimeException e) {
                    throw in.error(
                            "bad pair '" + body.get(2 * k) + " " + body.get(2 * k + 1) + "' in a text posterior");
                }
            }
            ids.add(id);
            ws.add(w);
        }
        return new Posterior(ids.toArray(new int[0][]), ws.toArray(new float[0][]));
    }
}
