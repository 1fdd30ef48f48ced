package org.amdistill.core.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Hand-built RIFF/WAVE files for tests: any fmt fields, extra chunks, lying sizes. */
final class WavBytes {
    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    private final ByteOrder order;
    private final String magic;
    private Integer riffSize;

    WavBytes() {
        this(ByteOrder.LITTLE_ENDIAN);
    }

    WavBytes(ByteOrder order) {
        this.order = order;
        this.magic = order == ByteOrder.LITTLE_ENDIAN ? "RIFF" : "RIFX";
    }

    /** A plain 16-byte fmt chunk. */
    WavBytes fmt(int format, int channels, int rate, int bits) {
        ByteBuffer f = buf(16).putShort((short) format)
                .putShort((short) channels)
                .putInt(rate)
                .putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8))
                .putShort((short) bits);
        return chunk("fmt ", bytes(f));
    }

    /** A 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk whose sub-format GUID starts with {@code subFormat}. */
    WavBytes fmtExtensible(int subFormat, int channels, int rate, int bits) {
        ByteBuffer f = buf(40).putShort((short) 0xFFFE)
                .putShort((short) channels)
                .putInt(rate)
                .putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8))
                .putShort((short) bits)
                .putShort((short) 22)
                .putShort((short) bits)
                .putInt(channels == 1 ? 4 : 3)
                .putShort((short) subFormat)
                .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        return chunk("fmt ", bytes(f));
    }

    WavBytes chunk(String id, byte[] body) {
        return chunk(id, body, body.length);
    }

    /** A chunk whose size field says {@code declaredSize} (which may lie); odd sizes get a pad byte. */
    WavBytes chunk(String id, byte[] body, long declaredSize) {
        chunks.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
        chunks.writeBytes(buf(4).putInt((int) declaredSize).array());
        chunks.writeBytes(body);
        if (body.length % 2 == 1 && declaredSize == body.length) {
            chunks.write(0);
        }
        return this;
    }

    WavBytes data(byte[] body) {
        return chunk("data", body);
    }

    WavBytes riffSize(int size) {
        riffSize = size;
        return this;
    }

    byte[] bytes() {
        byte[] c = chunks.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(magic.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(buf(4).putInt(riffSize != null ? riffSize : 4 + c.length).array());
        out.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(c);
        return out.toByteArray();
    }

    /** The bytes of a buffer from {@link #buf}, all of them. */
    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.capacity()];
        b.rewind().get(out);
        return out;
    }

    ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    static byte[] shorts(ByteOrder order, int... v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(order);
        for (int x : v) {
            b.putShort((short) x);
        }
        return b.array();
    }

    static byte[] shorts(int... v) {
        return shorts(ByteOrder.LITTLE_ENDIAN, v);
    }
}
