package org.amdistill.recognizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The protocol buffers wire format, as much of it as an ONNX file needs: varints, length-delimited fields (strings,
 * bytes, nested messages) and nothing else. Field numbers are the caller's (see {@link OnnxExport}).
 */
final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    /** An integer field (int32, int64, enum). */
    ProtoWriter integer(int field, long value) {
        tag(field, 0);
        varint(value);
        return this;
    }

    ProtoWriter bytes(int field, byte[] value) {
        tag(field, 2);
        varint(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter message(int field, ProtoWriter value) {
        return bytes(field, value.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
