package org.amdistill.dataprep.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes 16-bit PCM WAV (mono or interleaved multi-channel), samples in 16-bit integer scale, clipped. */
public final class WavWriter {
    private WavWriter() {
    }

    public static byte[] encode(AudioData a) {
        int ch = a.numChannels();
        int n = a.numSamples();
        int dataBytes = n * ch * 2;
        ByteBuffer bb = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        bb.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) ch).putInt((int) a.sampleRate()).putInt((int) a.sampleRate() * ch * 2)
                .putShort((short) (ch * 2)).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < ch; c++) {
                float v = Math.round(a.channel(c)[i]);
                bb.putShort((short) Math.max(-32768, Math.min(32767, v)));
            }
        }
        return bb.array();
    }

    public static void write(AudioData a, OutputStream out) throws IOException {
        out.write(encode(a));
    }

    /** Writes atomically: a temporary file beside {@code file}, then a rename. */
    public static void write(AudioData a, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            Files.write(tmp, encode(a));
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
